import Fluent
import Foundation

/// A build of a product with its version, notes and ring. The four-grid counts are kept here
/// as they change (`rating_sum`, `rating_1` ... `rating_5`), so results never scan reports.
final class Release: Model, @unchecked Sendable {
    static let schema = "releases"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "product_id") var product: Product
    @Field(key: "version") var version: String
    @Field(key: "notes") var notes: String
    @Field(key: "notes_html") var notesHTML: String
    /// Where the ring's members download the build.
    @Field(key: "download_url") var downloadURL: String
    @Field(key: "ring") var ring: ReleaseRing
    @Parent(key: "created_by") var creator: User
    @Field(key: "created_at") var createdAt: Date
    /// When it reached the weekly ring (its changelog was published) and stable.
    @OptionalField(key: "weekly_at") var weeklyAt: Date?
    @OptionalField(key: "stable_at") var stableAt: Date?

    // Staged stable rollout.
    @Field(key: "rollout_percent") var rolloutPercent: Int
    /// The step of `ReleaseRules.rolloutPlan` reached.
    @Field(key: "rollout_step") var rolloutStep: Int
    @OptionalField(key: "rollout_next_at") var rolloutNextAt: Date?
    @Field(key: "rollout_paused") var rolloutPaused: Bool

    // The four-grid report.
    @OptionalField(key: "report_opens_at") var reportOpensAt: Date?
    @OptionalField(key: "report_closes_at") var reportClosesAt: Date?
    /// Set once the close was processed (Popcorn Award given).
    @OptionalField(key: "report_closed_at") var reportClosedAt: Date?
    @Field(key: "report_count") var reportCount: Int
    @Field(key: "rating_sum") var ratingSum: Int
    @Field(key: "rating_1") var rating1: Int
    @Field(key: "rating_2") var rating2: Int
    @Field(key: "rating_3") var rating3: Int
    @Field(key: "rating_4") var rating4: Int
    @Field(key: "rating_5") var rating5: Int
    @OptionalField(key: "popcorn_change_id") var popcornChangeID: Int?

    // Its forum threads.
    @OptionalField(key: "thread_id") var threadID: Int?
    @OptionalField(key: "preview_thread_id") var previewThreadID: Int?

    init() {}

    init(productID: Int, version: String, notes: String, notesHTML: String, downloadURL: String, creatorID: Int, createdAt: Date) {
        self.$product.id = productID
        self.version = version
        self.notes = notes
        self.notesHTML = notesHTML
        self.downloadURL = downloadURL
        self.ring = .internal
        self.$creator.id = creatorID
        self.createdAt = createdAt
        rolloutPercent = 0
        rolloutStep = 0
        rolloutPaused = false
        reportCount = 0
        ratingSum = 0
        rating1 = 0
        rating2 = 0
        rating3 = 0
        rating4 = 0
        rating5 = 0
    }

    var ratings: [Int] { [rating1, rating2, rating3, rating4, rating5] }

    /// The average rating, or nil before the first report.
    var averageRating: Double? { reportCount > 0 ? Double(ratingSum) / Double(reportCount) : nil }

    func reportIsOpen(at now: Date) -> Bool {
        Self.reportIsOpen(opensAt: reportOpensAt, closesAt: reportClosesAt, closedAt: reportClosedAt, at: now)
    }

    /// A report is open from its opening until its closing time, unless closed earlier.
    static func reportIsOpen(opensAt: Date?, closesAt: Date?, closedAt: Date?, at now: Date) -> Bool {
        guard let opensAt, let closesAt else { return false }
        return closedAt == nil && now >= opensAt && now < closesAt
    }
}

/// One entry of a release's changelog, linked to the idea it answers. Its four-grid counts
/// move with each report.
final class ReleaseChange: Model, @unchecked Sendable {
    static let schema = "release_changes"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "release_id") var release: Release
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @OptionalParent(key: "module_id") var module: ProductModule?
    /// The team that built it (the module's team unless given).
    @Field(key: "team") var team: String
    @OptionalParent(key: "idea_id") var idea: Idea?
    /// 半成品: shipped unfinished on purpose, with a place for feedback.
    @Field(key: "half_finished") var halfFinished: Bool
    /// Its feedback thread, for half-finished changes.
    @OptionalField(key: "feedback_thread_id") var feedbackThreadID: Int?
    @Field(key: "liked_count") var likedCount: Int
    @Field(key: "weak_count") var weakCount: Int

    init() {}

    init(releaseID: Int, position: Int, title: String, description: String, moduleID: Int?, team: String, ideaID: Int?, halfFinished: Bool) {
        self.$release.id = releaseID
        self.position = position
        self.title = title
        self.description = description
        self.$module.id = moduleID
        self.team = team
        self.$idea.id = ideaID
        self.halfFinished = halfFinished
        likedCount = 0
        weakCount = 0
    }
}

/// One member's four-grid report (四格体验报告) on one build, editable until the report closes.
final class FourGridReport: Model, @unchecked Sendable {
    static let schema = "four_grid_reports"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "release_id") var release: Release
    @Parent(key: "user_id") var user: User
    @Field(key: "liked_change_id") var likedChangeID: Int
    @Field(key: "weak_change_id") var weakChangeID: Int
    @OptionalField(key: "anticipated_idea_id") var anticipatedIdeaID: Int?
    @Field(key: "anticipated_text") var anticipatedText: String
    @Field(key: "rating") var rating: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// A member who opted into a product's weekly ring (their tier must allow it).
final class WeeklyRingMember: Model, @unchecked Sendable {
    static let schema = "weekly_ring_members"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "product_id") var product: Product
    @Parent(key: "user_id") var user: User
    @Field(key: "joined_at") var joinedAt: Date

    init() {}
}
