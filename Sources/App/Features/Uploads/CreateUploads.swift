import Fluent

struct CreateUploads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Upload.schema)
            .field("id", .int, .identifier(auto: true))
            .field("sha256", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_size", .int, .required)
            .field("uploader_id", .int, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "sha256")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Upload.schema).delete()
    }
}
