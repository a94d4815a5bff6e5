import Fluent

struct CreateCheckIn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CheckIn.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("streak", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "day")
            .create()
        try await database.index(on: CheckIn.schema, "day")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CheckIn.schema).delete()
    }
}
