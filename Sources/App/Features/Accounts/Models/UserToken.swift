import Fluent
import Foundation

/// A personal access token for the API. Only its hash is kept; the token is shown once.
final class UserToken: Model, @unchecked Sendable {
    static let schema = "user_tokens"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    @Field(key: "label") var label: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters of the token, so its owner can tell tokens apart.
    @Field(key: "token_hint") var tokenHint: String

    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}

    init(userID: Int, label: String, tokenHash: String, tokenHint: String, createdAt: Date) {
        self.$user.id = userID
        self.label = label
        self.tokenHash = tokenHash
        self.tokenHint = tokenHint
        self.createdAt = createdAt
    }
}
