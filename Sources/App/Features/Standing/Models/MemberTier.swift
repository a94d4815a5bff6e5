import Fluent
import Foundation

/// Where a member stands in the pyramid now. Members without a row are users.
final class MemberTier: Model, @unchecked Sendable {
    static let schema = "member_tiers"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    @Field(key: "tier") var tier: Tier
    @Field(key: "since") var since: Date
    /// Weeks in a row the weekly duty was missed (core fans); the second demotes.
    @Field(key: "missed_duty_weeks") var missedDutyWeeks: Int
    /// After quitting or removal, the automatic review does not promote before this time.
    @OptionalField(key: "rejoin_after") var rejoinAfter: Date?

    init() {}

    init(userID: Int, tier: Tier, since: Date) {
        self.$user.id = userID
        self.tier = tier
        self.since = since
        self.missedDutyWeeks = 0
    }
}

/// Every change of tier, with its reason, so anyone can see why they are where they are.
final class TierChange: Model, @unchecked Sendable {
    static let schema = "tier_changes"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    @Field(key: "from_tier") var fromTier: Tier
    @Field(key: "to_tier") var toTier: Tier
    /// A locale key under `tier.reason.` (conditions_met, approved, duty_missed, quit, ...).
    @Field(key: "reason") var reason: String
    /// Free text from staff, when a person decided.
    @Field(key: "note") var note: String
    @OptionalParent(key: "actor_id") var actor: User?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: Int, from: Tier, to: Tier, reason: String, note: String = "", actorID: Int? = nil, at: Date) {
        self.$user.id = userID
        self.fromTier = from
        self.toTier = to
        self.reason = reason
        self.note = note
        self.$actor.id = actorID
        self.createdAt = at
    }
}

/// Members eligible for a full tier, first come first served.
final class TierQueueEntry: Model, @unchecked Sendable {
    static let schema = "tier_queue"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    @Field(key: "tier") var tier: Tier
    @Field(key: "queued_at") var queuedAt: Date

    init() {}

    init(userID: Int, tier: Tier, queuedAt: Date) {
        self.$user.id = userID
        self.tier = tier
        self.queuedAt = queuedAt
    }
}
