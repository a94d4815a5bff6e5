import Fluent
import Foundation

/// A once-only fact about the site, e.g. that first-run setup happened. The key is unique, so
/// two visitors racing through setup cannot both succeed.
final class SiteFlag: Model, @unchecked Sendable {
    static let schema = "site_flags"
    static let firstRunSetup = "first_run_setup"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "set_at") var setAt: Date

    init() {}

    init(key: String, setAt: Date) {
        self.id = key
        self.setAt = setAt
    }
}
