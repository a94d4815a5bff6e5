import Fluent
import SQLKit
import Vapor

/// What members' forum pages are cached by (`MemberPageCache`). Every change a member could see
/// on a thread's or a board's page bumps its version, in the transaction of the change; a page
/// shell is keyed by the version it shows, so a member sees their own reply or edit at once, on
/// any node. Likes are not versions: each request reads the page's counts and the member's own
/// likes fresh, into the shell's holes.
enum ForumPageVersions {
    static func bump(thread threadID: Int?, boards: [Int], on db: any Database) async throws {
        // Skipping a bump would serve stale shells, so a database without SQL is an error here.
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "the forum needs an SQL database") }
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
        /// The member is one of this thread's board's own moderators (see `ForumPolicy`).
        let boardModerator: Bool
        let floors: [Floor]
    }

    /// Nil when the thread is missing or deleted, or the page is past its last floor: those
    /// pages are rendered as usual (a 404, or the last page).
    static func threadPage(_ threadID: Int, page: Int, viewer userID: Int, on db: any Database) async throws -> ThreadPage? {
        // Far past any thread's end (and before `first` could overflow): rendered as usual.
        guard let sql = db as? any SQLDatabase, (1...10_000_000).contains(page) else { return nil }
        let first = (page - 1) * ForumService.postsPerPage + 1
        // One row, the floors folded into a string: sqlite-kit hands each row of a result to the
        // event loop as a task of its own, which cost more than the query itself.
        guard let row = try await SmallRead.run({ try await sql.raw("""
            SELECT t.version, t.floor_count, t.deleted,
                EXISTS (SELECT 1 FROM board_moderators m WHERE m.board_id = t.board_id AND m.user_id = \(bind: userID)) AS board_moderator,
                (SELECT string_agg(
                        CAST(p.id AS TEXT) || ':' || CAST(p.author_id AS TEXT) || ':' || CAST(p.like_count AS TEXT) || ':'
                            || CASE WHEN l.user_id IS NULL THEN '0' ELSE '1' END,
                        ',' ORDER BY p.floor)
                    FROM posts p LEFT JOIN post_likes l ON l.post_id = p.id AND l.user_id = \(bind: userID)
                    WHERE p.thread_id = t.id AND p.floor >= \(bind: first) AND p.floor < \(bind: first + ForumService.postsPerPage)) AS floors
            FROM forum_threads t WHERE t.id = \(bind: threadID)
            """).first() }),
            try !row.decode(column: "deleted", as: Bool.self)
        else { return nil }
        let floorCount = try row.decode(column: "floor_count", as: Int.self)
        guard page <= max(1, ForumService.page(ofFloor: max(floorCount, 1))) else { return nil }
        var floors: [ThreadPage.Floor] = []
        for floor in try (row.decode(column: "floors", as: String?.self) ?? "").split(separator: ",") {
            let parts = floor.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 4 else { return nil }
            floors.append(ThreadPage.Floor(postID: parts[0], authorID: parts[1], likeCount: parts[2], liked: parts[3] == 1))
        }
        return ThreadPage(
            version: try row.decode(column: "version", as: Int.self), boardModerator: try row.decode(column: "board_moderator", as: Bool.self), floors: floors)
    }

    /// A board's version; nil when there is no such board.
    static func board(_ boardID: Int, on db: any Database) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { return nil }
        return try await SmallRead.run { try await sql.raw("SELECT version FROM boards WHERE id = \(bind: boardID)").first() }?
            .decode(column: "version", as: Int.self)
    }
}
