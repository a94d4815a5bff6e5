import Fluent
import Foundation

/// An in-app notification. Likes of one post group into one unread row whose count grows.
final class MemberNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: User
    @Field(key: "kind") var kind: NotificationKind
    /// Unread rows with the same key merge (`like:post:12`); nil for ones that never merge.
    @OptionalField(key: "group_key") var groupKey: String?
    @OptionalParent(key: "actor_id") var actor: User?
    /// How many people did it: "Alice and 3 others liked your post".
    @Field(key: "actor_count") var actorCount: Int
    /// What it is about, shown as the notification's text (a thread title, a reason).
    @Field(key: "subject") var subject: String
    @Field(key: "url") var url: String
    @OptionalField(key: "read_at") var readAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// The kinds of notification; later areas add theirs here (idea status changed, bug fixed, ...).
enum NotificationKind: String, Codable, Sendable, CaseIterable {
    case reply
    case quote
    case mention
    case like
    case moderation
    case ideaStatus = "idea_status"
    case ideaMerged = "idea_merged"
    case pollDecided = "poll_decided"
    case bugStatus = "bug_status"
    /// A fix landed for a bug the member hit: please verify it.
    case bugVerify = "bug_verify"

    var labelKey: String { "notifications.kind.\(rawValue)" }
    /// The sentence for one notification: `{0}` the actor, `{1}` how many others, `{2}` the subject.
    var messageKey: String { "notifications.message.\(rawValue)" }
}

/// A member's choice per kind: show in the app, and also send by email.
final class NotificationPreference: Model, @unchecked Sendable {
    static let schema = "notification_preferences"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: User
    @Field(key: "kind") var kind: NotificationKind
    @Field(key: "in_app") var inApp: Bool
    @Field(key: "email") var email: Bool

    init() {}

    init(userID: Int, kind: NotificationKind, inApp: Bool, email: Bool) {
        self.$user.id = userID
        self.kind = kind
        self.inApp = inApp
        self.email = email
    }
}

/// An email waiting to go out, or gone. Delivered by `OutboxMailer` through `sendmail`.
final class OutboxEmail: Model, @unchecked Sendable {
    static let schema = "email_outbox"

    enum Status: String, Codable, Sendable {
        case pending, sending, sent, failed
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @OptionalParent(key: "user_id") var user: User?
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "status") var status: Status
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}

    init(userID: Int?, to: String, subject: String, body: String, createdAt: Date) {
        self.$user.id = userID
        self.toAddress = to
        self.subject = subject
        self.body = body
        self.status = .pending
        self.attempts = 0
        self.nextAttemptAt = createdAt
        self.createdAt = createdAt
    }
}
