import Fluent
import SQLKit

/// SQLite: each search document's token count beside its visibility, so ranking reads both from
/// the one row instead of also looking the length up in FTS5's record (see `SearchRankFunction`).
/// Existing documents are filled in from that record; PostgreSQL ranks with `ts_rank` and has no
/// use for it.
struct AddSearchDocumentLength: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, !SearchIndex.isPostgres(sql) else { return }
        try await sql.raw("ALTER TABLE search_documents ADD COLUMN length INTEGER NOT NULL DEFAULT 0").run()
        try await SearchIndex(db: database).fillLengths()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, !SearchIndex.isPostgres(sql) else { return }
        try await sql.raw("ALTER TABLE search_documents DROP COLUMN length").run()
    }
}
