import Fluent

struct CreateSiteFlag: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SiteFlag.schema)
            .field("key", .string, .identifier(auto: false))
            .field("set_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SiteFlag.schema).delete()
    }
}
