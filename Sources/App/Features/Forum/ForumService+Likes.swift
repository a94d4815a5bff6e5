import Fluent
import Foundation
import SQLKit

extension ForumService {
    struct LikeResult: Sendable {
        let liked: Bool
        let count: Int
    }

    /// One like per member per post. The like row and the count change together, and only when
    /// the row really was added, so the count stays exact however many arrive at once.
    func like(_ postID: Int, by user: User) async throws -> LikeResult {
        let post = try await post(postID)
        guard post.state == .visible else { throw ForumError.postDeleted }
        _ = try await thread(post.$thread.id)
        let userID = try user.requireID()
        let now = clock.now()
        let added: Bool = try await db.transaction { tx in
            let sql = try self.on(tx).sql
            let row = try await sql.raw("""
                INSERT INTO post_likes (post_id, user_id, created_at) VALUES (\(bind: postID), \(bind: userID), \(bind: now))
                ON CONFLICT (post_id, user_id) DO NOTHING RETURNING post_id
                """).first()
            guard row != nil else { return false }
            try await sql.raw("UPDATE posts SET like_count = like_count + 1 WHERE id = \(bind: postID)").run()
            return true
        }
        let authorID = post.$author.id
        if added, authorID != userID {
            // Self-likes count but earn nothing: credits are for what others value.
            _ = try await standing.award(CreditAction.likeReceived, to: authorID, source: "like:\(postID):\(userID)")
            let thread = try await thread(post.$thread.id)
            try await notifications.notify(
                authorID, .like, actor: user, subject: thread.title, url: SiteURL.post(.value(postID)).path, group: "like:post:\(postID)")
        }
        return LikeResult(liked: true, count: try await likeCount(postID))
    }

    func unlike(_ postID: Int, by user: User) async throws -> LikeResult {
        _ = try await post(postID)
        let userID = try user.requireID()
        try await db.transaction { tx in
            let sql = try self.on(tx).sql
            let row = try await sql.raw("DELETE FROM post_likes WHERE post_id = \(bind: postID) AND user_id = \(bind: userID) RETURNING post_id").first()
            guard row != nil else { return }
            try await sql.raw("UPDATE posts SET like_count = like_count - 1 WHERE id = \(bind: postID)").run()
        }
        return LikeResult(liked: false, count: try await likeCount(postID))
    }

    func likeCount(_ postID: Int) async throws -> Int {
        try await sql.raw("SELECT like_count FROM posts WHERE id = \(bind: postID)").first()?.decode(column: "like_count", as: Int.self) ?? 0
    }
}
