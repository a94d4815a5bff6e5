import Fluent
import Foundation

/// One failed login, kept for the throttling window (in the database, so all nodes count together).
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Field(key: "account_key") var accountKey: String
    @Field(key: "ip") var ip: String
    @Field(key: "failed_at") var failedAt: Date

    init() {}

    init(accountKey: String, ip: String, failedAt: Date) {
        self.accountKey = accountKey
        self.ip = ip
        self.failedAt = failedAt
    }
}
