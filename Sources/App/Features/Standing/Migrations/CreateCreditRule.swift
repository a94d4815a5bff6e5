import Fluent

/// Award rules, seeded with Discuz!'s defaults and the moderation deductions (DOMAIN.md §3).
struct CreateCreditRule: AsyncMigration {
    // A function, not a stored array: Fluent models are mutable and may be saved only once.
    static var defaults: [CreditRule] { [
        CreditRule(action: CreditAction.newThread, amount: 2, cycle: .unlimited),
        CreditRule(action: CreditAction.reply, amount: 1, cycle: .unlimited),
        CreditRule(action: CreditAction.threadFeatured, amount: 5, cycle: .unlimited),
        CreditRule(action: CreditAction.dailyCheckIn, amount: 2, cycle: .daily, maxPerCycle: 1),
        CreditRule(action: CreditAction.avatarSet, amount: 5, cycle: .once),
        CreditRule(action: CreditAction.emailVerified, amount: 10, cycle: .once),
        CreditRule(action: CreditAction.likeReceived, amount: 1, cycle: .daily, maxPerCycle: 20),
        CreditRule(action: CreditAction.replyRemoved, amount: -5, cycle: .unlimited),
        CreditRule(action: CreditAction.threadRemoved, amount: -20, cycle: .unlimited),
        CreditRule(action: CreditAction.muted, amount: -40, cycle: .unlimited),
        CreditRule(action: CreditAction.banned, amount: -50, cycle: .unlimited),
    ] }

    func prepare(on database: any Database) async throws {
        try await database.schema(CreditRule.schema)
            .field("id", .int, .identifier(auto: true))
            .field("action", .string, .required)
            .field("currency", .string, .required)
            .field("amount", .int, .required)
            .field("cycle", .string, .required)
            .field("interval_hours", .int, .required)
            .field("max_per_cycle", .int, .required)
            .field("enabled", .bool, .required)
            .unique(on: "action", "currency")
            .create()
        for rule in Self.defaults { try await rule.create(on: database) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CreditRule.schema).delete()
    }
}
