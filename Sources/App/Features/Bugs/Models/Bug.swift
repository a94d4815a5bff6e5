import Fluent
import Foundation

/// A defect a member reported against a product's build. Its counts (me too, duplicates,
/// followers, verifications) move only in SQL, with the rows they count.
final class Bug: Model, @unchecked Sendable {
    static let schema = "bugs"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "product_id") var product: Product
    @OptionalParent(key: "module_id") var module: ProductModule?
    /// The build it was found on.
    @OptionalField(key: "release_id") var releaseID: Int?
    @Parent(key: "reporter_id") var reporter: User
    @Field(key: "title") var title: String
    @Field(key: "steps") var steps: String
    @Field(key: "expected") var expected: String
    @Field(key: "actual") var actual: String
    @Field(key: "frequency") var frequency: BugFrequency
    /// Private: shown to the reporter, staff, the team and triagers only.
    @Field(key: "device_model") var deviceModel: String
    @Field(key: "status") var status: BugStatus
    @OptionalField(key: "severity") var severity: BugSeverity?
    @OptionalParent(key: "duplicate_of_id") var duplicateOf: Bug?
    /// For `fixed` and `verified`: the build that fixes it.
    @OptionalField(key: "fixed_in_release_id") var fixedInReleaseID: Int?
    /// For `cannot_reproduce`: the product's newest build then; a "me too" on a later one reopens it.
    @OptionalField(key: "checked_on_release_id") var checkedOnReleaseID: Int?
    @Field(key: "me_too_count") var meTooCount: Int
    /// "Me too"s from accounts old enough to count toward the crowd confirmation.
    @Field(key: "qualified_me_too_count") var qualifiedMeTooCount: Int
    @Field(key: "duplicate_count") var duplicateCount: Int
    @Field(key: "follower_count") var followerCount: Int
    /// Verifications of the current fix (a "still happens" starts a new round).
    @Field(key: "verified_count") var verifiedCount: Int
    @Field(key: "fix_round") var fixRound: Int
    /// The sort key of the heat (see `BugHeat`), kept current with every change of its parts.
    @Field(key: "heat_rank") var heatRank: Double
    @OptionalField(key: "thread_id") var threadID: Int?
    @Field(key: "created_at") var createdAt: Date
    /// The last "me too", duplicate or report: the heat's recency counts from here.
    @Field(key: "active_at") var activeAt: Date
    @Field(key: "status_changed_at") var statusChangedAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?

    init() {}
}

/// A member who hit it too, on their own build and device (the device is private).
final class BugMeToo: Model, @unchecked Sendable {
    static let schema = "bug_me_toos"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "bug_id") var bug: Bug
    @Parent(key: "user_id") var user: User
    @OptionalField(key: "release_id") var releaseID: Int?
    @Field(key: "device_model") var deviceModel: String
    /// The account was old enough then to count toward the crowd confirmation.
    @Field(key: "qualified") var qualified: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A screenshot (public, an upload as in the forum) or a log file (private, kept apart).
final class BugAttachment: Model, @unchecked Sendable {
    static let schema = "bug_attachments"

    enum Kind: String, Codable, Sendable { case screenshot, log }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "bug_id") var bug: Bug
    @Field(key: "kind") var kind: Kind
    @OptionalField(key: "upload_id") var uploadID: Int?
    @Field(key: "file_name") var fileName: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_size") var byteSize: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The public history: every status change, confirmation, severity or module set, with who
/// (none when the crowd confirmed it) and why.
final class BugEvent: Model, @unchecked Sendable {
    static let schema = "bug_events"

    enum Kind: String, Codable, Sendable { case status, confirmed, severity, module, duplicate, verification, reopened }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "bug_id") var bug: Bug
    @Field(key: "kind") var kind: Kind
    @OptionalField(key: "from_status") var from: BugStatus?
    @OptionalField(key: "to_status") var to: BugStatus?
    @Field(key: "note") var note: String
    @OptionalParent(key: "actor_id") var actor: User?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension Bug {
    /// Its heat now, by parts (see `BugHeat`).
    func heat(at now: Date) -> BugHeat { BugSummary(self).heat(at: now) }
}
