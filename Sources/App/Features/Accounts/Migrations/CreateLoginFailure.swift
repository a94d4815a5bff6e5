import Fluent

struct CreateLoginFailure: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema)
            .field("id", .int, .identifier(auto: true))
            .field("account_key", .string, .required)
            .field("ip", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()
        try await database.index(on: LoginFailure.schema, "account_key", "failed_at")
        try await database.index(on: LoginFailure.schema, "ip", "failed_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema).delete()
    }
}
