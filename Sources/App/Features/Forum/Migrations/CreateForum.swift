import Fluent
import SQLKit

/// Categories, boards and their moderators, threads, posts with their revisions, likes, and the
/// per-member posting clock that enforces the posting interval exactly.
struct CreateForum: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ForumCategory.schema)
            .field("id", .int, .identifier(auto: true))
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema(Board.schema)
            .field("id", .int, .identifier(auto: true))
            .field("category_id", .int, .required, .references(ForumCategory.schema, "id"))
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("description_zh", .string, .required)
            .field("description_en", .string, .required)
            .field("icon", .string, .required)
            .field("position", .int, .required)
            .field("archived", .bool, .required)
            .field("thread_count", .int, .required)
            .field("post_count", .int, .required)
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema(BoardModerator.schema)
            .field("id", .int, .identifier(auto: true))
            .field("board_id", .int, .required, .references(Board.schema, "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "board_id", "user_id")
            .create()
        try await database.index(on: BoardModerator.schema, "user_id")

        try await database.schema(ForumThread.schema)
            .field("id", .int, .identifier(auto: true))
            .field("board_id", .int, .required, .references(Board.schema, "id"))
            .field("author_id", .int, .required, .references(User.schema, "id"))
            .field("title", .string, .required)
            .field("pinned", .bool, .required)
            .field("featured", .bool, .required)
            .field("locked", .bool, .required)
            .field("deleted", .bool, .required)
            .field("floor_count", .int, .required)
            .field("reply_count", .int, .required)
            .field("view_count", .int, .required)
            .field("last_post_at", .datetime, .required)
            .field("last_poster_id", .int, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        // A board page reads its threads in exactly this order.
        try await database.rankingIndex(on: ForumThread.schema, "board_id", "deleted", "pinned DESC", "last_post_at DESC", "id DESC")
        try await database.index(on: ForumThread.schema, "author_id", "featured")

        try await database.schema(Post.schema)
            .field("id", .int, .identifier(auto: true))
            .field("thread_id", .int, .required, .references(ForumThread.schema, "id"))
            .field("floor", .int, .required)
            .field("author_id", .int, .required, .references(User.schema, "id"))
            .field("body", .string, .required)
            .field("body_html", .string, .required)
            .field("quote_post_id", .int, .references(Post.schema, "id"))
            .field("like_count", .int, .required)
            .field("state", .string, .required)
            .field("state_reason", .string)
            .field("edited_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "thread_id", "floor")
            .create()
        try await database.index(on: Post.schema, "author_id", "created_at")

        try await database.schema(PostRevision.schema)
            .field("id", .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references(Post.schema, "id", onDelete: .cascade))
            .field("title", .string)
            .field("body", .string, .required)
            .field("editor_id", .int, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: PostRevision.schema, "post_id")

        try await database.schema("post_likes")
            .field("post_id", .int, .required, .references(Post.schema, "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "post_id", "user_id")
            .create()
        try await database.index(on: "post_likes", "user_id")

        try await database.schema("forum_posting_clocks")
            .field("user_id", .int, .identifier(auto: false), .references(User.schema, "id", onDelete: .cascade))
            .field("last_thread_at", .datetime, .required)
            .field("last_reply_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["forum_posting_clocks", "post_likes", PostRevision.schema, Post.schema, ForumThread.schema, BoardModerator.schema, Board.schema, ForumCategory.schema] {
            try await database.schema(table).delete()
        }
    }
}
