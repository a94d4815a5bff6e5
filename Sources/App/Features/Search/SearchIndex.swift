import Fluent
import Foundation
import SQLKit
import Vapor

/// Keeps the search index in step with posts: called in the same transaction as every write
/// that changes what a post says, whether it is visible, or where its thread lives.
struct SearchIndex {
    static let documents = "search_documents"

    let db: any Database

    static func isPostgres(_ sql: any SQLDatabase) -> Bool { sql.dialect.name == "postgresql" }

    private var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "search needs an SQL database") }
            return sql
        }
    }

    /// Adds or replaces the document of a post.
    func put(postID: Int, threadID: Int, boardID: Int, authorID: Int, title: String?, body: String, visible: Bool, createdAt: Date) async throws {
        let sql = try self.sql
        let titleTerms = title.map(SearchTerms.terms(of:)) ?? []
        let bodyTerms = SearchTerms.terms(of: body)
        if Self.isPostgres(sql) {
            let vector = Self.tsvector(title: titleTerms, body: bodyTerms)
            try await sql.raw("""
                INSERT INTO search_documents (post_id, thread_id, board_id, author_id, visible, created_at, terms)
                VALUES (\(bind: postID), \(bind: threadID), \(bind: boardID), \(bind: authorID), \(bind: visible), \(bind: createdAt), CAST(\(bind: vector) AS tsvector))
                ON CONFLICT (post_id) DO UPDATE SET board_id = excluded.board_id, visible = excluded.visible, terms = excluded.terms
                """).run()
        } else {
            try await sql.raw("""
                INSERT INTO search_documents (post_id, thread_id, board_id, author_id, visible, created_at)
                VALUES (\(bind: postID), \(bind: threadID), \(bind: boardID), \(bind: authorID), \(bind: visible), \(bind: createdAt))
                ON CONFLICT (post_id) DO UPDATE SET board_id = excluded.board_id, visible = excluded.visible
                """).run()
            try await sql.raw("DELETE FROM search_fts WHERE rowid = \(bind: postID)").run()
            try await sql.raw("INSERT INTO search_fts (rowid, title, body) VALUES (\(bind: postID), \(bind: titleTerms.joined(separator: " ")), \(bind: bodyTerms.joined(separator: " ")))").run()
            try await fillLengths(from: postID, to: postID)
        }
    }

    struct Document: Sendable {
        let postID: Int
        let threadID: Int
        let boardID: Int
        let authorID: Int
        let title: String?
        let body: String
        let createdAt: Date
    }

    /// Indexes many new, visible posts at once (the demo and imports), a few hundred per statement.
    func putMany(_ documents: [Document]) async throws {
        let sql = try self.sql
        let postgres = Self.isPostgres(sql)
        for start in stride(from: 0, to: documents.count, by: 200) {
            let chunk = documents[start..<min(start + 200, documents.count)]
            var rows = sql.insert(into: Self.documents).columns(
                postgres ? ["post_id", "thread_id", "board_id", "author_id", "visible", "created_at", "terms"]
                    : ["post_id", "thread_id", "board_id", "author_id", "visible", "created_at"])
            for doc in chunk {
                var values: [any SQLExpression] = [SQLBind(doc.postID), SQLBind(doc.threadID), SQLBind(doc.boardID), SQLBind(doc.authorID), SQLBind(true), SQLBind(doc.createdAt)]
                if postgres {
                    let vector = Self.tsvector(title: doc.title.map(SearchTerms.terms(of:)) ?? [], body: SearchTerms.terms(of: doc.body))
                    values.append(SQLFunction("CAST", args: SQLAlias(SQLBind(vector), as: SQLRaw("tsvector"))))
                }
                rows = rows.values(values)
            }
            try await rows.run()
            guard !postgres else { continue }
            var fts = sql.insert(into: "search_fts").columns("rowid", "title", "body")
            for doc in chunk {
                fts = fts.values(
                    SQLBind(doc.postID), SQLBind((doc.title.map(SearchTerms.terms(of:)) ?? []).joined(separator: " ")),
                    SQLBind(SearchTerms.terms(of: doc.body).joined(separator: " ")))
            }
            try await fts.run()
            try await fillLengths(from: chunk.map(\.postID).min() ?? 0, to: chunk.map(\.postID).max() ?? 0)
        }
    }

    /// SQLite: copies documents' token counts from FTS5's record of them (`search_fts_docsize`)
    /// to `search_documents.length`, where ranking reads them (see `SearchRankFunction`).
    func fillLengths(from first: Int = Int.min, to last: Int = Int.max) async throws {
        let sql = try self.sql
        guard !Self.isPostgres(sql) else { return }
        try await sql.raw("""
            UPDATE search_documents SET length = (SELECT \(unsafeRaw: SearchRankFunction.tokenCountName)(sz) FROM search_fts_docsize WHERE id = post_id)
            WHERE post_id BETWEEN \(bind: first) AND \(bind: last) AND post_id IN (SELECT id FROM search_fts_docsize WHERE id BETWEEN \(bind: first) AND \(bind: last))
            """).run()
    }

    func setVisible(postID: Int, _ visible: Bool) async throws {
        try await sql.raw("UPDATE search_documents SET visible = \(bind: visible) WHERE post_id = \(bind: postID)").run()
    }

    /// A deleted thread takes its posts out of search; a restored one would bring them back.
    func setThreadVisible(threadID: Int, _ visible: Bool) async throws {
        let visibleState = Post.State.visible.rawValue
        try await sql.raw("""
            UPDATE search_documents SET visible = (\(bind: visible)
            AND post_id IN (SELECT id FROM posts WHERE thread_id = \(bind: threadID) AND state = \(bind: visibleState)))
            WHERE thread_id = \(bind: threadID)
            """).run()
    }

    func moveThread(_ threadID: Int, to boardID: Int) async throws {
        try await sql.raw("UPDATE search_documents SET board_id = \(bind: boardID) WHERE thread_id = \(bind: threadID)").run()
    }

    /// PostgreSQL's tsvector text form, built here rather than by its parser, so CJK bigrams
    /// stay exactly as `SearchTerms` made them: `'小米':1A '相机':2A 'battery':3`.
    static func tsvector(title: [String], body: [String]) -> String {
        var positions: [String: [String]] = [:]
        var order: [String] = []
        var position = 0
        for (terms, weight) in [(title, "A"), (body, "")] {
            for term in terms {
                position += 1
                guard position <= 16_383 else { break }
                if positions[term] == nil { order.append(term) }
                if positions[term, default: []].count < 255 { positions[term, default: []].append("\(position)\(weight)") }
            }
        }
        return order.map { quote($0) + ":" + positions[$0]!.joined(separator: ",") }.joined(separator: " ")
    }

    static func quote(_ term: String) -> String {
        "'" + term.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
