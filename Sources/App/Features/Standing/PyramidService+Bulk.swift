import Fluent
import SQLKit

/// Promotions and medal grants decided by set-based SQL rather than member by member, so a full
/// review of a million members is a handful of queries and chunked writes.
extension PyramidService {
    static let chunkSize = 500

    /// Members (all, or only `ids`) who meet `target`'s conditions and sit below it.
    func candidates(for target: Tier, rule: TierRule, among ids: [Int]?) async throws -> [Int] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let now = clock.now()
        let lower = Tier.allCases.filter { $0 < target }.map(\.rawValue)
        var query: SQLQueryString = """
            SELECT u.id AS id FROM users u
            LEFT JOIN credit_balances b ON b.user_id = u.id AND b.currency = \(bind: CreditRule.defaultCurrency)
            LEFT JOIN member_tiers t ON t.user_id = u.id
            WHERE COALESCE(b.balance, 0) >= \(bind: rule.minCredits)
            AND u.created_at <= \(bind: now.addingTimeInterval(-Double(rule.minDaysJoined) * 86_400))
            AND (t.tier IS NULL OR t.tier IN (\(binds: lower)))
            AND (t.rejoin_after IS NULL OR t.rejoin_after <= \(bind: now))
            """
        if rule.minDaysActive > 0 {
            query += " AND (SELECT COUNT(*) FROM check_ins c WHERE c.user_id = u.id) >= \(bind: rule.minDaysActive)"
        }
        if rule.minContributions > 0 {
            let since = now.addingTimeInterval(-Double(rule.contributionWindowDays) * 86_400)
            query += """
                 AND (SELECT COUNT(*) FROM credit_entries e WHERE e.user_id = u.id
                 AND e.rule IN (\(binds: Self.contributionActions)) AND e.created_at >= \(bind: since)) >= \(bind: rule.minContributions)
                """
        }
        struct Row: Decodable { let id: Int }
        guard let ids else {
            return try await sql.raw(query + " ORDER BY u.id").all(decoding: Row.self).map(\.id)
        }
        var found: [Int] = []
        for start in stride(from: 0, to: ids.count, by: Self.chunkSize) {
            let chunk = Array(ids[start..<min(start + Self.chunkSize, ids.count)])
            found += try await sql.raw(query + " AND u.id IN (\(binds: chunk)) ORDER BY u.id").all(decoding: Row.self).map(\.id)
        }
        return found
    }

    /// Moves members up to `target` in chunks, each chunk with its change log, in one transaction.
    func promoteInBulk(_ ids: [Int], to target: Tier, reason: String) async throws {
        let now = clock.now()
        let atOrBelow = Tier.allCases.filter { $0 <= target }.map(\.rawValue)
        for start in stride(from: 0, to: ids.count, by: Self.chunkSize) {
            let chunk = Array(ids[start..<min(start + Self.chunkSize, ids.count)])
            try await db.transaction { tx in
                guard let sql = tx as? any SQLDatabase else { return }
                try await sql.raw("""
                    INSERT INTO tier_changes (user_id, from_tier, to_tier, reason, note, created_at)
                    SELECT u.id, COALESCE(t.tier, \(bind: Tier.user.rawValue)), \(bind: target.rawValue), \(bind: reason), '', \(bind: now)
                    FROM users u LEFT JOIN member_tiers t ON t.user_id = u.id WHERE u.id IN (\(binds: chunk))
                    """).run()
                try await sql.raw("""
                    UPDATE member_tiers SET tier = \(bind: target.rawValue), since = \(bind: now), missed_duty_weeks = 0, rejoin_after = NULL
                    WHERE user_id IN (\(binds: chunk))
                    """).run()
                try await sql.raw("""
                    INSERT INTO member_tiers (user_id, tier, since, missed_duty_weeks)
                    SELECT u.id, \(bind: target.rawValue), \(bind: now), 0 FROM users u
                    WHERE u.id IN (\(binds: chunk)) AND NOT EXISTS (SELECT 1 FROM member_tiers t WHERE t.user_id = u.id)
                    """).run()
                try await sql.raw("DELETE FROM tier_queue WHERE user_id IN (\(binds: chunk)) AND tier IN (\(binds: atOrBelow))").run()
            }
        }
    }

    func enqueueInBulk(_ ids: [Int], for target: Tier) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let now = clock.now()
        for start in stride(from: 0, to: ids.count, by: Self.chunkSize) {
            var insert = sql.insert(into: TierQueueEntry.schema).columns("user_id", "tier", "queued_at")
            for id in ids[start..<min(start + Self.chunkSize, ids.count)] {
                insert = insert.values(SQLBind(id), SQLBind(target.rawValue), SQLBind(now))
            }
            try await insert.ignoringConflicts(with: ["user_id", "tier"]).run()
        }
    }

    /// Grants every automatic medal to the members who meet its condition and never held it.
    /// (A revoked or expired medal comes back through `MedalService.evaluate` on the member's
    /// next check-in or review, not in bulk.)
    func grantMedalsInBulk() async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let now = clock.now()
        let calendar = CommunityCalendar(timeZone: timeZone)
        var granted = 0
        struct Row: Decodable { let id: Int }
        for medal in try await Medal.query(on: db).filter(\.$enabled == true).filter(\.$condition != MedalConditions.manual).all() {
            let medalID = try medal.requireID()
            let notHeld: SQLQueryString = "NOT EXISTS (SELECT 1 FROM member_medals m WHERE m.user_id = x.user_id AND m.medal_id = \(bind: medalID))"
            let query: SQLQueryString
            switch medal.condition {
            case MedalConditions.credits:
                query = "SELECT x.user_id AS id FROM credit_balances x WHERE x.currency = \(bind: CreditRule.defaultCurrency) AND x.balance >= \(bind: medal.threshold) AND " + notHeld
            case MedalConditions.streak:
                let days = [calendar.day(of: now), calendar.dayBefore(now)]
                query = "SELECT DISTINCT x.user_id AS id FROM check_ins x WHERE x.day IN (\(binds: days)) AND x.streak >= \(bind: medal.threshold) AND " + notHeld
            default:
                continue
            }
            let ids = try await sql.raw(query).all(decoding: Row.self).map(\.id)
            let expires = medal.validDays.map { now.addingTimeInterval(Double($0) * 86_400) }
            for start in stride(from: 0, to: ids.count, by: Self.chunkSize) {
                let chunk = Array(ids[start..<min(start + Self.chunkSize, ids.count)])
                try await db.transaction { tx in
                    guard let sql = tx as? any SQLDatabase else { return }
                    var rows = sql.insert(into: MemberMedal.schema).columns("user_id", "medal_id", "awarded_at", "expires_at")
                    var events = sql.insert(into: MedalEvent.schema).columns("user_id", "medal_id", "action", "reason", "created_at")
                    for id in chunk {
                        rows = rows.values(SQLBind(id), SQLBind(medalID), SQLBind(now), SQLBind(expires))
                        events = events.values(SQLBind(id), SQLBind(medalID), SQLBind(MedalEvent.Action.granted.rawValue), SQLBind("condition:\(medal.condition)>=\(medal.threshold)"), SQLBind(now))
                    }
                    try await rows.run()
                    try await events.run()
                }
            }
            granted += ids.count
        }
        return granted
    }
}
