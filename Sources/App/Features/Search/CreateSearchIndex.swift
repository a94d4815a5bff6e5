import Fluent
import SQLKit

/// One search document per post (the opening post also carries its thread's title). The terms
/// live in an FTS5 table on SQLite and in a GIN-indexed tsvector column on PostgreSQL; both
/// hold `SearchTerms`, so the two engines find the same things.
struct CreateSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SearchIndex.documents)
            .field("post_id", .int, .identifier(auto: false), .references(Post.schema, "id", onDelete: .cascade))
            .field("thread_id", .int, .required)
            .field("board_id", .int, .required)
            .field("author_id", .int, .required)
            .field("visible", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: SearchIndex.documents, "thread_id")
        try await database.index(on: SearchIndex.documents, "board_id")
        try await database.index(on: SearchIndex.documents, "author_id")
        guard let sql = database as? any SQLDatabase else { return }
        if SearchIndex.isPostgres(sql) {
            try await sql.raw("ALTER TABLE search_documents ADD COLUMN terms tsvector NOT NULL DEFAULT ''::tsvector").run()
            try await sql.raw("CREATE INDEX idx_search_documents_terms ON search_documents USING GIN (terms)").run()
        } else {
            // The terms are already split and lowercased; unicode61 only cuts at the spaces.
            try await sql.raw("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase, !SearchIndex.isPostgres(sql) {
            try await sql.raw("DROP TABLE search_fts").run()
        }
        try await database.schema(SearchIndex.documents).delete()
    }
}
