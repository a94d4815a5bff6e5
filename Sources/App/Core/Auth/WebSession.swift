import Fluent
import Foundation

/// A browser's session, stored in the database so that several `canyu serve` nodes share it.
/// The row's id is the SHA-256 of the cookie value, so a copy of the table opens no session.
final class WebSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?

    @OptionalParent(key: "user_id") var user: User?
    @Field(key: "csrf_token") var csrfToken: String

    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(id: String, userID: Int?, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

struct CreateWebSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WebSession.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .int, .references(User.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await database.index(on: WebSession.schema, "user_id")
        try await database.index(on: WebSession.schema, "expires_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebSession.schema).delete()
    }
}
