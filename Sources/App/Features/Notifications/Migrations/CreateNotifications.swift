import Fluent
import SQLKit

struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MemberNotification.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("group_key", .string)
            .field("actor_id", .int, .references(User.schema, "id", onDelete: .setNull))
            .field("actor_count", .int, .required)
            .field("subject", .string, .required)
            .field("url", .string, .required)
            .field("read_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.index(on: MemberNotification.schema, "user_id", "read_at")
        try await database.index(on: MemberNotification.schema, "user_id", "updated_at")
        // One unread row per group: simultaneous likes merge into it instead of racing.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("""
                CREATE UNIQUE INDEX uq_notifications_unread_group ON notifications (user_id, group_key)
                WHERE read_at IS NULL AND group_key IS NOT NULL
                """).run()
        }

        try await database.schema(NotificationPreference.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("in_app", .bool, .required)
            .field("email", .bool, .required)
            .unique(on: "user_id", "kind")
            .create()

        try await database.schema(OutboxEmail.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .references(User.schema, "id", onDelete: .setNull))
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        try await database.index(on: OutboxEmail.schema, "status", "next_attempt_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxEmail.schema).delete()
        try await database.schema(NotificationPreference.schema).delete()
        try await database.schema(MemberNotification.schema).delete()
    }
}
