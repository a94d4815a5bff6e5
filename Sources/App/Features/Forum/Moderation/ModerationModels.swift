import Fluent
import Foundation

/// One line of the moderation audit log: who did what to which thing, when, why, and the state
/// before and after. Written in the same transaction as the action itself.
final class ModerationLogEntry: Model, @unchecked Sendable {
    static let schema = "moderation_log"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "actor_id") var actor: User
    /// `pin`, `unpin`, `feature`, `unfeature`, `lock`, `unlock`, `move`, `hide_post`,
    /// `delete_post`, `delete_thread`, `mute`, `ban`, `lift`, `resolve_report`, ...
    @Field(key: "action") var action: String
    /// `thread:12`, `post:34`, `user:56`, `report:7`.
    @Field(key: "target") var target: String
    /// The member whose content or account it was, to notify them and to list their history.
    @OptionalParent(key: "subject_user_id") var subjectUser: User?
    @Field(key: "reason") var reason: String
    @Field(key: "before") var before: String
    @Field(key: "after") var after: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(actorID: Int, action: String, target: String, subjectUserID: Int?, reason: String, before: String, after: String, createdAt: Date) {
        self.$actor.id = actorID
        self.action = action
        self.target = target
        self.$subjectUser.id = subjectUserID
        self.reason = reason
        self.before = before
        self.after = after
        self.createdAt = createdAt
    }
}

/// A mute (can read, cannot post) or a ban (cannot log in) for a while, with a reason.
/// The member's row carries the latest end time so every request can check it for free.
final class MemberSanction: Model, @unchecked Sendable {
    static let schema = "member_sanctions"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case mute, ban
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: User
    @Field(key: "kind") var kind: Kind
    @Field(key: "reason") var reason: String
    @Field(key: "until") var until: Date
    @Parent(key: "actor_id") var actor: User
    @OptionalField(key: "lifted_at") var liftedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: Int, kind: Kind, reason: String, until: Date, actorID: Int, createdAt: Date) {
        self.$user.id = userID
        self.kind = kind
        self.reason = reason
        self.until = until
        self.$actor.id = actorID
        self.createdAt = createdAt
    }
}

/// A member's report (举报) of a post; open reports form the board moderators' queue.
final class PostReport: Model, @unchecked Sendable {
    static let schema = "post_reports"

    enum Status: String, Codable, Sendable {
        case open
        /// A moderator acted on the post.
        case resolved
        /// A moderator found nothing wrong.
        case dismissed
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "post_id") var post: Post
    @Parent(key: "reporter_id") var reporter: User
    @Field(key: "reason") var reason: String
    @Field(key: "status") var status: Status
    @OptionalParent(key: "resolver_id") var resolver: User?
    @OptionalField(key: "resolution") var resolution: String?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(postID: Int, reporterID: Int, reason: String, createdAt: Date) {
        self.$post.id = postID
        self.$reporter.id = reporterID
        self.reason = reason
        self.status = .open
        self.createdAt = createdAt
    }
}
