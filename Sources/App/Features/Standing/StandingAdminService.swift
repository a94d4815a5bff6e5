import Fluent
import SQLKit
import Vapor

/// Admins tune the standing rules: credit rules, levels, tier conditions and privileges, medals.
/// Every number is range-checked here, so a typo cannot, say, make check-ins pay a million.
struct StandingAdminService {
    struct RuleInput { var amount, intervalHours, maxPerCycle: Int?; var cycle: String?; var enabled: Bool }
    struct LevelInput { var minCredits: Int?; var nameZh, nameEn: String?; var stars: Int? }
    struct TierInput {
        var minCredits, minDaysJoined, minDaysActive, minContributions, contributionWindowDays, quota: Int?
        var voteWeight, fCodeQuota, eventPriority: Int?
        var closedBeta, weeklyBuilds, moderatorEligible: Bool
        /// Ideas a member may vote for at once; nil is unlimited.
        var openVoteBudget: Int? = nil
        /// May confirm and triage bugs.
        var bugTriage = false
    }
    struct MedalInput { var nameZh, nameEn, descriptionZh, descriptionEn, condition: String?; var threshold, validDays: Int?; var enabled: Bool }

    let db: any Database
    let admin: User

    init(_ req: Request) throws {
        db = req.db
        admin = try req.auth.require(User.self)
        guard StandingPolicy.canAdminister(admin) else { throw CoreError.forbidden }
    }

    func updateRule(_ id: Int, _ input: RuleInput) async throws {
        guard let rule = try await CreditRule.find(id, on: db) else { throw CoreError.notFound }
        guard let cycle = input.cycle.flatMap(CreditRule.Cycle.init(rawValue:)) else {
            throw CoreError.invalidField(field: "cycle", messageKey: "admin.invalid.choice")
        }
        rule.amount = try FieldRules.number(input.amount, "amount", -1000...1000)
        rule.cycle = cycle
        rule.intervalHours = cycle == .interval ? try FieldRules.number(input.intervalHours, "interval_hours", 1...8760) : 0
        rule.maxPerCycle = cycle == .unlimited ? 1 : try FieldRules.number(input.maxPerCycle, "max_per_cycle", 1...10000)
        rule.enabled = input.enabled
        try await rule.update(on: db)
    }

    func updateLevel(_ id: Int, _ input: LevelInput) async throws {
        guard let level = try await Level.find(id, on: db) else { throw CoreError.notFound }
        let levels = try await Level.query(on: db).sort(\.$minCredits).all()
        // The lowest level catches every negative balance; its threshold stays put.
        if level.id != levels.first?.id {
            let minimum = try FieldRules.number(input.minCredits, "min_credits", 0...100_000_000)
            if levels.contains(where: { $0.id != level.id && $0.minCredits == minimum }) {
                throw CoreError.invalidField(field: "min_credits", messageKey: "admin.invalid.duplicate_threshold")
            }
            level.minCredits = minimum
        }
        level.nameZh = try FieldRules.text(input.nameZh, "name_zh", 1...32)
        level.nameEn = try FieldRules.text(input.nameEn, "name_en", 1...32)
        level.stars = try FieldRules.number(input.stars, "stars", 0...10)
        try await level.update(on: db)
    }

    func updateTier(_ id: Int, _ input: TierInput) async throws {
        guard let rule = try await TierRule.find(id, on: db) else { throw CoreError.notFound }
        rule.minCredits = try FieldRules.number(input.minCredits, "min_credits", -100_000_000...100_000_000)
        rule.minDaysJoined = try FieldRules.number(input.minDaysJoined, "min_days_joined", 0...36_500)
        rule.minDaysActive = try FieldRules.number(input.minDaysActive, "min_days_active", 0...36_500)
        rule.minContributions = try FieldRules.number(input.minContributions, "min_contributions", 0...100_000)
        rule.contributionWindowDays = try FieldRules.number(input.contributionWindowDays, "contribution_window_days", 1...3650)
        rule.quota = try input.quota.map { try FieldRules.number($0, "quota", 0...100_000_000) }
        rule.voteWeight = try FieldRules.number(input.voteWeight, "vote_weight", 0...1000)
        rule.fCodeQuota = try FieldRules.number(input.fCodeQuota, "f_code_quota", 0...1000)
        rule.eventPriority = try FieldRules.number(input.eventPriority, "event_priority", 0...100)
        rule.closedBeta = input.closedBeta
        rule.weeklyBuilds = input.weeklyBuilds
        rule.moderatorEligible = input.moderatorEligible
        let budget = try input.openVoteBudget.map { try FieldRules.number($0, "open_vote_budget", 0...100_000) }
        try await db.transaction { tx in
            try await rule.update(on: tx)
            // Not a model field (see TierRule): written in SQL.
            try await (tx as! any SQLDatabase).raw("""
                UPDATE tier_rules SET open_vote_budget = \(bind: budget), bug_triage = \(bind: input.bugTriage) WHERE id = \(bind: id)
                """).run()
        }
    }

    /// The privileges later areas added (not model fields, see TierRule), per tier, for the admin form.
    func laterPrivileges() async throws -> [Tier: (openVoteBudget: Int?, bugTriage: Bool)] {
        try await (db as! any SQLDatabase).raw("SELECT tier, open_vote_budget, bug_triage FROM tier_rules").all()
            .reduce(into: [Tier: (openVoteBudget: Int?, bugTriage: Bool)]()) {
                $0[try $1.decode(column: "tier", as: Tier.self)] = (
                    try $1.decode(column: "open_vote_budget", as: Int?.self), try $1.decode(column: "bug_triage", as: Bool.self)
                )
            }
    }

    func updateMedal(_ id: Int, _ input: MedalInput) async throws {
        guard let medal = try await Medal.find(id, on: db) else { throw CoreError.notFound }
        let condition = input.condition ?? ""
        guard [MedalConditions.manual, MedalConditions.credits, MedalConditions.streak].contains(condition) else {
            throw CoreError.invalidField(field: "condition", messageKey: "admin.invalid.choice")
        }
        medal.nameZh = try FieldRules.text(input.nameZh, "name_zh", 1...32)
        medal.nameEn = try FieldRules.text(input.nameEn, "name_en", 1...32)
        medal.descriptionZh = try FieldRules.text(input.descriptionZh, "description_zh", 0...200)
        medal.descriptionEn = try FieldRules.text(input.descriptionEn, "description_en", 0...200)
        medal.condition = condition
        medal.threshold = condition == MedalConditions.manual ? 0 : try FieldRules.number(input.threshold, "threshold", 1...100_000_000)
        medal.validDays = try input.validDays.map { try FieldRules.number($0, "valid_days", 1...36_500) }
        medal.enabled = input.enabled
        try await medal.update(on: db)
    }
}

enum StandingPolicy {
    /// Only admins change the rules of the economy.
    static func canAdminister(_ user: User?) -> Bool {
        user?.role == .admin
    }
}
