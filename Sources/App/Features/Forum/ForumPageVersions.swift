import Fluent
import SQLKit

/// What members' forum pages are cached by (`MemberPageCache`). Every change a member could see
/// on a thread's or a board's page bumps its version, in the transaction of the change; a page
/// shell is keyed by the version it shows, so a member sees their own reply or edit at once, on
/// any node. Likes are not versions: each request reads the page's counts and the member's own
/// likes fresh, into the shell's holes.
enum ForumPageVersions {
    static func bump(thread threadID: Int?, boards: [Int], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if let threadID {
            try await sql.raw("UPDATE forum_threads SET version = version + 1 WHERE id = \(bind: threadID)").run()
        }
        for boardID in Set(boards) {
            try await sql.raw("UPDATE boards SET version = version + 1 WHERE id = \(bind: boardID)").run()
        }
    }

    /// A member's view of one page of a thread, in one query: what the shell is keyed by and
    /// what fills its holes.
    struct ThreadPage: Sendable {
        struct Floor: Sendable {
            let postID: Int
            let authorID: Int
            let likeCount: Int
            let liked: Bool
        }

        let version: Int
        let boardID: Int
        /// The member moderates this thread's board (moderators' pages carry their tools and
        /// the edit history, and are rendered for them alone).
        let moderates: Bool
        let floors: [Floor]
    }

    /// Nil when the thread is missing or deleted, or the page is past its last floor: those
    /// pages are rendered as usual (a 404, or the last page).
    static func threadPage(_ threadID: Int, page: Int, viewer userID: Int, on db: any Database) async throws -> ThreadPage? {
        // Far past any thread's end (and before `first` could overflow): rendered as usual.
        guard let sql = db as? any SQLDatabase, (1...10_000_000).contains(page) else { return nil }
        let first = (page - 1) * ForumService.postsPerPage + 1
        let rows = try await sql.raw("""
            SELECT t.version, t.board_id, t.floor_count, t.deleted,
                EXISTS (SELECT 1 FROM board_moderators m WHERE m.board_id = t.board_id AND m.user_id = \(bind: userID)) AS moderates,
                p.id AS post_id, p.author_id, p.like_count, l.user_id IS NOT NULL AS liked
            FROM forum_threads t
            LEFT JOIN posts p ON p.thread_id = t.id AND p.floor >= \(bind: first) AND p.floor < \(bind: first + ForumService.postsPerPage)
            LEFT JOIN post_likes l ON l.post_id = p.id AND l.user_id = \(bind: userID)
            WHERE t.id = \(bind: threadID)
            ORDER BY p.floor
            """).all()
        guard let head = rows.first, try !head.decode(column: "deleted", as: Bool.self) else { return nil }
        let floorCount = try head.decode(column: "floor_count", as: Int.self)
        guard page <= max(1, ForumService.page(ofFloor: max(floorCount, 1))) else { return nil }
        var floors: [ThreadPage.Floor] = []
        for row in rows {
            guard let postID = try row.decode(column: "post_id", as: Int?.self) else { continue }
            floors.append(ThreadPage.Floor(
                postID: postID, authorID: try row.decode(column: "author_id", as: Int.self),
                likeCount: try row.decode(column: "like_count", as: Int.self), liked: try row.decode(column: "liked", as: Bool.self)))
        }
        return ThreadPage(
            version: try head.decode(column: "version", as: Int.self), boardID: try head.decode(column: "board_id", as: Int.self),
            moderates: try head.decode(column: "moderates", as: Bool.self), floors: floors)
    }

    /// A board's version; nil when there is no such board.
    static func board(_ boardID: Int, on db: any Database) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { return nil }
        return try await sql.raw("SELECT version FROM boards WHERE id = \(bind: boardID)").first()?.decode(column: "version", as: Int.self)
    }
}
