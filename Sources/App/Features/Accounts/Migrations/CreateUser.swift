import Fluent

struct CreateUser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .field("id", .int, .identifier(auto: true))
            .field("email", .string, .required)
            .field("email_key", .string, .required)
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("bio", .string, .required)
            .field("locale", .string)
            .field("time_zone", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "email_key")
            .unique(on: "name_key")
            .create()
        try await database.index(on: User.schema, "role")
        try await database.index(on: User.schema, "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}
