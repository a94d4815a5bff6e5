import Fluent

/// The audit log, sanctions (with the member's current mute/ban end on the users row, so every
/// request can check it without a query) and reports.
struct CreateModeration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await database.schema(User.schema).field("muted_until", .datetime).update()
        try await database.schema(User.schema).field("banned_until", .datetime).update()
        try await database.schema(User.schema).field("ban_reason", .string).update()

        try await database.schema(ModerationLogEntry.schema)
            .field("id", .int, .identifier(auto: true))
            .field("actor_id", .int, .required, .references(User.schema, "id"))
            .field("action", .string, .required)
            .field("target", .string, .required)
            .field("subject_user_id", .int, .references(User.schema, "id"))
            .field("reason", .string, .required)
            .field("before", .string, .required)
            .field("after", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: ModerationLogEntry.schema, "created_at")
        try await database.index(on: ModerationLogEntry.schema, "subject_user_id")

        try await database.schema(MemberSanction.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("reason", .string, .required)
            .field("until", .datetime, .required)
            .field("actor_id", .int, .required, .references(User.schema, "id"))
            .field("lifted_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: MemberSanction.schema, "user_id")

        try await database.schema(PostReport.schema)
            .field("id", .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references(Post.schema, "id", onDelete: .cascade))
            .field("reporter_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("resolver_id", .int, .references(User.schema, "id"))
            .field("resolution", .string)
            .field("resolved_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "post_id", "reporter_id")
            .create()
        try await database.index(on: PostReport.schema, "status", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PostReport.schema).delete()
        try await database.schema(MemberSanction.schema).delete()
        try await database.schema(ModerationLogEntry.schema).delete()
        for column in ["muted_until", "banned_until", "ban_reason"] {
            try await database.schema(User.schema).deleteField(.key(.init(stringLiteral: column))).update()
        }
    }
}
