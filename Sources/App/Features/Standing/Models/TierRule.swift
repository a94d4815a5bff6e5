import Fluent
import Foundation

/// What a tier asks and what it grants; one row per tier, editable by admins.
final class TierRule: Model, @unchecked Sendable {
    static let schema = "tier_rules"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Field(key: "tier") var tier: Tier
    // Conditions for the automatic review (ignored for application and invitation tiers,
    // except as the bar an applicant must clear).
    @Field(key: "min_credits") var minCredits: Int
    @Field(key: "min_days_joined") var minDaysJoined: Int
    @Field(key: "min_days_active") var minDaysActive: Int
    @Field(key: "min_contributions") var minContributions: Int
    @Field(key: "contribution_window_days") var contributionWindowDays: Int
    /// At most this many members; nil for no limit.
    @OptionalField(key: "quota") var quota: Int?
    // Privileges.
    @Field(key: "vote_weight") var voteWeight: Int
    @Field(key: "closed_beta") var closedBeta: Bool
    @Field(key: "weekly_builds") var weeklyBuilds: Bool
    @Field(key: "f_code_quota") var fCodeQuota: Int
    @Field(key: "event_priority") var eventPriority: Int
    @Field(key: "moderator_eligible") var moderatorEligible: Bool
    // `open_vote_budget` (ideas a member may vote for at once; NULL is unlimited) was added later,
    // by CreateIdeas, and `bug_triage` (may confirm and triage bugs) by CreateBugs. They are read
    // and written in SQL: as model fields they would break the earlier migration that seeds these
    // rows through this model.

    init() {}

    init(
        tier: Tier, minCredits: Int = 0, minDaysJoined: Int = 0, minDaysActive: Int = 0, minContributions: Int = 0,
        contributionWindowDays: Int = 30, quota: Int? = nil, voteWeight: Int, closedBeta: Bool = false,
        weeklyBuilds: Bool = false, fCodeQuota: Int = 0, eventPriority: Int = 0, moderatorEligible: Bool = false
    ) {
        self.tier = tier
        self.minCredits = minCredits
        self.minDaysJoined = minDaysJoined
        self.minDaysActive = minDaysActive
        self.minContributions = minContributions
        self.contributionWindowDays = contributionWindowDays
        self.quota = quota
        self.voteWeight = voteWeight
        self.closedBeta = closedBeta
        self.weeklyBuilds = weeklyBuilds
        self.fCodeQuota = fCodeQuota
        self.eventPriority = eventPriority
        self.moderatorEligible = moderatorEligible
    }
}

/// A request to join the honorary dev group, reviewed by staff.
final class TierApplication: Model, @unchecked Sendable {
    static let schema = "tier_applications"

    enum Status: String, Codable, Sendable { case pending, approved, declined }

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    @Field(key: "tier") var tier: Tier
    @Field(key: "statement") var statement: String
    @Field(key: "status") var status: Status
    @OptionalParent(key: "reviewer_id") var reviewer: User?
    @Field(key: "decision_note") var decisionNote: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    init(userID: Int, tier: Tier, statement: String, createdAt: Date) {
        self.$user.id = userID
        self.tier = tier
        self.statement = statement
        self.status = .pending
        self.decisionNote = ""
        self.createdAt = createdAt
    }
}
