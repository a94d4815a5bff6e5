import Fluent
import Foundation

/// A level (用户组) reached at a credits threshold. Editable by admins; Discuz!'s defaults seeded.
final class Level: Model, @unchecked Sendable {
    static let schema = "levels"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Field(key: "min_credits") var minCredits: Int
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "stars") var stars: Int

    init() {}

    init(minCredits: Int, nameZh: String, nameEn: String, stars: Int) {
        self.minCredits = minCredits
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.stars = stars
    }

    func name(_ locale: SupportedLocale) -> String {
        locale == .en ? nameEn : nameZh
    }
}
