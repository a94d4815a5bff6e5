import Fluent
import Foundation

/// A thread (主题): its opening post is floor #1, replies take the next floors.
final class ForumThread: Model, @unchecked Sendable {
    static let schema = "forum_threads"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "board_id") var board: Board
    @Parent(key: "author_id") var author: User
    @Field(key: "title") var title: String
    @Field(key: "pinned") var pinned: Bool
    @Field(key: "featured") var featured: Bool
    @Field(key: "locked") var locked: Bool
    /// Soft-deleted: gone from lists and search, kept for the audit log.
    @Field(key: "deleted") var deleted: Bool
    /// Floors handed out so far, deleted ones included; the next reply takes `floorCount + 1`.
    @Field(key: "floor_count") var floorCount: Int
    /// Visible replies (floors after #1).
    @Field(key: "reply_count") var replyCount: Int
    @Field(key: "view_count") var viewCount: Int
    @Field(key: "last_post_at") var lastPostAt: Date
    @OptionalParent(key: "last_poster_id") var lastPoster: User?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(boardID: Int, authorID: Int, title: String, createdAt: Date) {
        self.$board.id = boardID
        self.$author.id = authorID
        self.title = title
        self.pinned = false
        self.featured = false
        self.locked = false
        self.deleted = false
        self.floorCount = 0
        self.replyCount = 0
        self.viewCount = 0
        self.lastPostAt = createdAt
        self.$lastPoster.id = authorID
        self.createdAt = createdAt
    }
}
