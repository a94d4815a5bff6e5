import Fluent

/// The fan pyramid: current tiers, their change log, the quota queue, rules and privileges,
/// applications. Rules are seeded with the defaults below (DOMAIN.md §4).
struct CreatePyramid: AsyncMigration {
    static var defaultRules: [TierRule] {
        [
            TierRule(tier: .user, voteWeight: 1),
            TierRule(tier: .fan, minCredits: 50, minDaysJoined: 7, voteWeight: 1, eventPriority: 1),
            TierRule(
                tier: .coreFan, minCredits: 200, minDaysJoined: 30, minDaysActive: 10, minContributions: 5,
                contributionWindowDays: 30, quota: 100_000, voteWeight: 2, weeklyBuilds: true, fCodeQuota: 1,
                eventPriority: 2, moderatorEligible: true),
            TierRule(
                tier: .honoraryDeveloper, minCredits: 500, minDaysJoined: 90, quota: 2_000, voteWeight: 4, closedBeta: true,
                weeklyBuilds: true, fCodeQuota: 2, eventPriority: 3, moderatorEligible: true),
            TierRule(
                tier: .coreTeam, voteWeight: 8, closedBeta: true, weeklyBuilds: true, fCodeQuota: 5, eventPriority: 4,
                moderatorEligible: true),
        ]
    }

    func prepare(on database: any Database) async throws {
        try await database.schema(MemberTier.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("tier", .string, .required)
            .field("since", .datetime, .required)
            .field("missed_duty_weeks", .int, .required)
            .field("rejoin_after", .datetime)
            .unique(on: "user_id")
            .create()
        try await database.index(on: MemberTier.schema, "tier")

        try await database.schema(TierChange.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("from_tier", .string, .required)
            .field("to_tier", .string, .required)
            .field("reason", .string, .required)
            .field("note", .string, .required)
            .field("actor_id", .int, .references(User.schema, "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: TierChange.schema, "user_id", "created_at")
        try await database.index(on: TierChange.schema, "created_at")

        try await database.schema(TierQueueEntry.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("tier", .string, .required)
            .field("queued_at", .datetime, .required)
            .unique(on: "user_id", "tier")
            .create()

        try await database.schema(TierRule.schema)
            .field("id", .int, .identifier(auto: true))
            .field("tier", .string, .required)
            .field("min_credits", .int, .required)
            .field("min_days_joined", .int, .required)
            .field("min_days_active", .int, .required)
            .field("min_contributions", .int, .required)
            .field("contribution_window_days", .int, .required)
            .field("quota", .int)
            .field("vote_weight", .int, .required)
            .field("closed_beta", .bool, .required)
            .field("weekly_builds", .bool, .required)
            .field("f_code_quota", .int, .required)
            .field("event_priority", .int, .required)
            .field("moderator_eligible", .bool, .required)
            .unique(on: "tier")
            .create()
        for rule in Self.defaultRules { try await rule.create(on: database) }

        try await database.schema(TierApplication.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("tier", .string, .required)
            .field("statement", .string, .required)
            .field("status", .string, .required)
            .field("reviewer_id", .int, .references(User.schema, "id", onDelete: .setNull))
            .field("decision_note", .string, .required)
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .create()
        try await database.index(on: TierApplication.schema, "status", "created_at")
        try await database.index(on: TierApplication.schema, "user_id")
    }

    func revert(on database: any Database) async throws {
        for schema in [TierApplication.schema, TierRule.schema, TierQueueEntry.schema, TierChange.schema, MemberTier.schema] {
            try await database.schema(schema).delete()
        }
    }
}
