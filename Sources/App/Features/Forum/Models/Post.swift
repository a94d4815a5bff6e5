import Fluent
import Foundation

/// A floor of a thread (#1 is the opening post). Deleting or hiding keeps the floor, so links
/// to later floors never shift.
final class Post: Model, @unchecked Sendable {
    static let schema = "posts"

    enum State: String, Codable, Sendable {
        case visible
        /// Hidden by a moderator, with a reason; the author and moderators still see it.
        case hidden
        /// Deleted by its author or a moderator; the floor shows "deleted".
        case deleted
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "thread_id") var thread: ForumThread
    @Field(key: "floor") var floor: Int
    @Parent(key: "author_id") var author: User
    @Field(key: "body") var body: String
    /// The body rendered once at write time, so showing a page costs no Markdown work.
    @Field(key: "body_html") var bodyHTML: String
    @OptionalParent(key: "quote_post_id") var quotePost: Post?
    @Field(key: "like_count") var likeCount: Int
    @Field(key: "state") var state: State
    @OptionalField(key: "state_reason") var stateReason: String?
    @OptionalField(key: "edited_at") var editedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(threadID: Int, floor: Int, authorID: Int, body: String, quotePostID: Int?, createdAt: Date) {
        self.$thread.id = threadID
        self.floor = floor
        self.$author.id = authorID
        self.body = body
        self.bodyHTML = ForumMarkdown.html(body)
        self.$quotePost.id = quotePostID
        self.likeCount = 0
        self.state = .visible
        self.createdAt = createdAt
    }
}

/// An earlier version of a post, kept on every edit; moderators can read the history.
final class PostRevision: Model, @unchecked Sendable {
    static let schema = "post_revisions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "post_id") var post: Post
    /// The thread's title at the time, for edits of an opening post.
    @OptionalField(key: "title") var title: String?
    @Field(key: "body") var body: String
    @Parent(key: "editor_id") var editor: User
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(postID: Int, title: String?, body: String, editorID: Int, createdAt: Date) {
        self.$post.id = postID
        self.title = title
        self.body = body
        self.$editor.id = editorID
        self.createdAt = createdAt
    }
}
