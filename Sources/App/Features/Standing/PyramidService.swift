import Fluent
import SQLKit
import Vapor

/// The fan pyramid: tiers, the automatic review, quotas, applications, weekly duty, and the
/// privileges every other area asks about (`privileges(of:)`).
struct PyramidService: CommunityService {
    static let applicationCooldownDays = 30
    static let quitCooldownDays = 14
    static let removedCooldownDays = 30
    static let statementLength = 20...2000
    /// The actions that count as contributions (for promotion and for the weekly duty). Later
    /// areas add theirs: a bug report, a verification of a fix, a four-grid report.
    static let contributionActions: [String] = [
        CreditAction.newThread, CreditAction.reply, CreditAction.fourGridReport, CreditAction.bugReported, CreditAction.bugVerified,
    ]

    struct Privileges: Sendable, Equatable {
        let tier: Tier
        let voteWeight: Int
        let closedBeta: Bool
        let weeklyBuilds: Bool
        let fCodeQuota: Int
        let eventPriority: Int
        let moderatorEligible: Bool
        /// Open idea votes at once; nil is unlimited.
        let openVoteBudget: Int?
        /// May confirm bugs by hand and triage them (set severity and module, mark duplicates).
        var bugTriage = false
    }

    struct Condition: Sendable {
        /// `credits`, `days_joined`, `days_active`, `contributions`.
        let key: String
        let current: Int
        let required: Int
        var met: Bool { current >= required }
        var percent: Int { required <= 0 ? 100 : min(100, max(0, current * 100 / required)) }
    }

    struct ReviewReport: Sendable, Equatable {
        var promoted: [Int] = []
        var queued: [Int] = []
    }

    let db: any Database
    let clock: any AppClock
    let timeZone: TimeZone



    // MARK: Reading

    func tier(of userID: Int) async throws -> Tier {
        try await MemberTier.query(on: db).filter(\.$user.$id == userID).first()?.tier ?? .user
    }

    func rules() async throws -> [Tier: TierRule] {
        Dictionary(uniqueKeysWithValues: try await TierRule.query(on: db).all().map { ($0.tier, $0) })
    }

    /// What a member's tier grants: the one question every other area asks. One statement,
    /// since every vote and beta download asks it.
    func privileges(of userID: Int) async throws -> Privileges {
        try await Self.privileges(of: [userID], on: db as! any SQLDatabase)[userID] ?? Self.fallbackPrivileges
    }

    /// Several members' privileges in one query, on any database (a caller's transaction too):
    /// a batch of votes asks for all its voters at once.
    static func privileges(of userIDs: [Int], on sql: any SQLDatabase) async throws -> [Int: Privileges] {
        guard !userIDs.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT u.id AS user_id, r.tier, r.vote_weight, r.closed_beta, r.weekly_builds, r.f_code_quota, r.event_priority, r.moderator_eligible, r.open_vote_budget, r.bug_triage
            FROM \(ident: User.schema) u LEFT JOIN \(ident: MemberTier.schema) t ON t.user_id = u.id
            JOIN tier_rules r ON r.tier = COALESCE(t.tier, \(bind: Tier.user.rawValue))
            WHERE u.id IN (\(binds: Array(Set(userIDs))))
            """).all()
        var privileges: [Int: Privileges] = [:]
        for row in rows {
            privileges[try row.decode(column: "user_id", as: Int.self)] = Privileges(
                tier: try row.decode(column: "tier", as: Tier.self), voteWeight: try row.decode(column: "vote_weight", as: Int.self),
                closedBeta: try row.decode(column: "closed_beta", as: Bool.self), weeklyBuilds: try row.decode(column: "weekly_builds", as: Bool.self),
                fCodeQuota: try row.decode(column: "f_code_quota", as: Int.self), eventPriority: try row.decode(column: "event_priority", as: Int.self),
                moderatorEligible: try row.decode(column: "moderator_eligible", as: Bool.self),
                openVoteBudget: try row.decode(column: "open_vote_budget", as: Int?.self), bugTriage: try row.decode(column: "bug_triage", as: Bool.self))
        }
        return privileges
    }

    /// Without tier rules (a database before they were seeded), or for no such member: nothing
    /// beyond one plain vote.
    static let fallbackPrivileges = Privileges(
        tier: .user, voteWeight: 1, closedBeta: false, weeklyBuilds: false, fCodeQuota: 0, eventPriority: 0, moderatorEligible: false, openVoteBudget: 0)

    /// How far a member is toward a tier's conditions.
    func conditions(of userID: Int, toward rule: TierRule) async throws -> [Condition] {
        let user = try await AccountsService.member(userID, on: db)
        let now = clock.now()
        let credits = try await CreditLedger(db: db, clock: clock, timeZone: timeZone).balance(of: userID)
        let daysJoined = max(0, Int(now.timeIntervalSince(user.createdAt) / 86_400))
        var conditions = [
            Condition(key: "credits", current: credits, required: rule.minCredits),
            Condition(key: "days_joined", current: daysJoined, required: rule.minDaysJoined),
        ]
        if rule.minDaysActive > 0 {
            // Days active: days on which the member checked in.
            let active = try await CheckIn.query(on: db).filter(\.$user.$id == userID).count()
            conditions.append(Condition(key: "days_active", current: active, required: rule.minDaysActive))
        }
        if rule.minContributions > 0 {
            let since = now.addingTimeInterval(-Double(rule.contributionWindowDays) * 86_400)
            // The window includes this very moment.
            let until = now.addingTimeInterval(1)
            conditions.append(Condition(key: "contributions", current: try await contributions(of: userID, since: since, until: until), required: rule.minContributions))
        }
        return conditions
    }

    func contributions(of userID: Int, since: Date, until: Date) async throws -> Int {
        try await CreditEntry.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$rule ~~ Self.contributionActions)
            .filter(\.$createdAt >= since).filter(\.$createdAt < until).count()
    }

    func members(in tier: Tier) async throws -> Int {
        try await MemberTier.query(on: db).filter(\.$tier == tier).count()
    }

    func history(of userID: Int) async throws -> [TierChange] {
        try await TierChange.query(on: db).filter(\.$user.$id == userID).sort(\.$createdAt, .descending).sort(\.$id, .descending).all()
    }

    // MARK: Changing tiers

    /// Moves a member and logs why, in one transaction.
    func setTier(
        _ userID: Int, to tier: Tier, reason: String, note: String = "", actorID: Int? = nil, rejoinAfter: Date? = nil
    ) async throws {
        let now = clock.now()
        try await db.transaction { tx in
            let row = try await MemberTier.query(on: tx).filter(\.$user.$id == userID).first() ?? MemberTier(userID: userID, tier: .user, since: now)
            let from = row.tier
            guard from != tier else { return }
            row.tier = tier
            row.since = now
            row.missedDutyWeeks = 0
            row.rejoinAfter = rejoinAfter
            try await row.save(on: tx)
            try await TierChange(userID: userID, from: from, to: tier, reason: reason, note: note, actorID: actorID, at: now).create(on: tx)
            // Tiers are stored as names, so "at or below" is spelled out rather than compared as text.
            try await TierQueueEntry.query(on: tx).filter(\.$user.$id == userID)
                .filter(\.$tier ~~ Tier.allCases.filter { $0 <= tier }).delete()
        }
    }


    // MARK: The automatic review

    /// Promotes the given members (or everyone) to the highest automatic tier whose conditions
    /// they meet; a full tier puts them in its first-come queue. Queued members move up first as
    /// room frees. Candidates are found by set-based SQL (PyramidService+Bulk).
    func review(_ userIDs: [Int]) async throws -> ReviewReport {
        let medals = MedalService(db: db, clock: clock, timeZone: timeZone)
        let automatic = try await medals.automaticMedals()
        for userID in userIDs { try await medals.evaluate(userID, against: automatic) }
        return try await promote(among: userIDs)
    }

    /// Reviews every member.
    func reviewEveryone() async throws -> ReviewReport {
        _ = try await grantMedalsInBulk()
        return try await promote(among: nil)
    }

    private func promote(among ids: [Int]?) async throws -> ReviewReport {
        var report = ReviewReport()
        let rules = try await rules()
        for tier in [Tier.coreFan, .fan] {
            guard let rule = rules[tier] else { continue }
            let waiting = try await TierQueueEntry.query(on: db).filter(\.$tier == tier).sort(\.$queuedAt).sort(\.$id).all()
            for entry in waiting where try await roomLeft(in: tier, rule: rule) > 0 {
                try await setTier(entry.$user.id, to: tier, reason: "quota_freed")
                report.promoted.append(entry.$user.id)
            }
        }
        if let ids, ids.isEmpty { return report }
        // Highest tier first, so a member who qualifies for both goes straight to the top one.
        for target in [Tier.coreFan, .fan] {
            guard let rule = rules[target] else { continue }
            let found = try await candidates(for: target, rule: rule, among: ids)
            let room = try await roomLeft(in: target, rule: rule)
            let promoted = Array(found.prefix(room))
            let queued = Array(found.dropFirst(room))
            try await promoteInBulk(promoted, to: target, reason: "conditions_met")
            try await enqueueInBulk(queued, for: target)
            report.promoted += promoted
            report.queued += queued
        }
        return report
    }

    private func roomLeft(in tier: Tier, rule: TierRule) async throws -> Int {
        guard let quota = rule.quota else { return Int.max }
        return max(0, quota - (try await members(in: tier)))
    }

    func queuePosition(of userID: Int) async throws -> (tier: Tier, position: Int)? {
        guard let entry = try await TierQueueEntry.query(on: db).filter(\.$user.$id == userID).first() else { return nil }
        let ahead = try await TierQueueEntry.query(on: db).filter(\.$tier == entry.tier).filter(\.$queuedAt < entry.queuedAt).count()
        return (entry.tier, ahead + 1)
    }

    /// A core fan may step back to fan; rejoining waits `quitCooldownDays`.
    func quitWeeklyRing(_ userID: Int) async throws {
        guard try await tier(of: userID) == .coreFan else { throw PyramidError.notInTier }
        try await setTier(userID, to: .fan, reason: "quit", rejoinAfter: clock.now().addingTimeInterval(Double(Self.quitCooldownDays) * 86_400))
    }
}
