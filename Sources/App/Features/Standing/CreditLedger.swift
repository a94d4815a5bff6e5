import Fluent
import Foundation
import SQLKit

/// Pays and charges credits. Every award is idempotent (the same rule, member and source pay
/// once, however often retried), rule caps hold exactly under concurrency (each reward in a
/// cycle takes a numbered slot with a unique key), and the balance moves in the same
/// transaction as the ledger line, by `balance + amount` in SQL.
struct CreditLedger {
    enum Outcome: Equatable, Sendable {
        case awarded(amount: Int)
        case alreadyAwarded
        case capReached
        case ruleDisabled
    }

    let db: any Database
    let clock: any AppClock
    let timeZone: TimeZone

    func award(
        _ action: String, to userID: Int, source: String, reason: String = "", actorID: Int? = nil,
        currency: String = CreditRule.defaultCurrency
    ) async throws -> Outcome {
        guard let rule = try await rule(action, currency: currency) else { throw StandingError.unknownRule(action) }
        guard rule.enabled else { return .ruleDisabled }
        let now = clock.now()
        let idempotencyKey = "\(action):\(userID):\(source)"
        let capPrefix = cyclePrefix(rule, userID: userID, now: now)
        var slot = 1
        if let capPrefix {
            let used = try await CreditEntry.query(on: db)
                .filter(\.$capKey, .contains(inverse: false, .prefix), capPrefix).count()
            slot = used + 1
        }
        while true {
            if capPrefix != nil, slot > rule.maxPerCycle {
                return try await exists(idempotencyKey) ? .alreadyAwarded : .capReached
            }
            let entry = CreditEntry(
                userID: userID, currency: currency, amount: rule.amount, rule: action, reason: reason, source: source,
                idempotencyKey: idempotencyKey, capKey: capPrefix.map { $0 + String(slot) }, actorID: actorID, createdAt: now)
            if try await write(entry) { return .awarded(amount: rule.amount) }
            if try await exists(idempotencyKey) { return .alreadyAwarded }
            guard capPrefix != nil else { return .alreadyAwarded }
            slot += 1  // another request took this slot first; try the next one
        }
    }

    /// The rule, by one small read: every award asks it, and loading it as a model cost more
    /// than the rest of the award's reads together.
    private func rule(_ action: String, currency: String) async throws -> CreditRule? {
        let sql = db as! any SQLDatabase
        let row = try await SmallRead.run {
            try await sql.raw("""
                SELECT amount, cycle, interval_hours, max_per_cycle, enabled FROM credit_rules WHERE action = \(bind: action) AND currency = \(bind: currency)
                """).first()
        }
        guard let row else { return nil }
        let rule = CreditRule(
            action: action, amount: try row.decode(column: "amount", as: Int.self), cycle: try row.decode(column: "cycle", as: CreditRule.Cycle.self),
            maxPerCycle: try row.decode(column: "max_per_cycle", as: Int.self), intervalHours: try row.decode(column: "interval_hours", as: Int.self),
            currency: currency)
        rule.enabled = try row.decode(column: "enabled", as: Bool.self)
        return rule
    }

    /// A staff adjustment by hand: any amount, with a reason, idempotent by the caller's key.
    func adjust(_ userID: Int, by amount: Int, reason: String, key: String, actorID: Int, currency: String = CreditRule.defaultCurrency) async throws -> Outcome {
        let idempotencyKey = "\(CreditAction.manual):\(userID):\(key)"
        let entry = CreditEntry(
            userID: userID, currency: currency, amount: amount, rule: CreditAction.manual, reason: reason, source: "staff:\(actorID)",
            idempotencyKey: idempotencyKey, capKey: nil, actorID: actorID, createdAt: clock.now())
        return try await write(entry) ? .awarded(amount: amount) : .alreadyAwarded
    }

    /// Writes the ledger line and moves the balance, together or not at all; false when its
    /// idempotency or cap key was already taken. Concurrent awards share one transaction.
    /// Throws `CoreError.notFound` when there is no such member.
    private func write(_ entry: CreditEntry) async throws -> Bool {
        let periods = CommunityCalendar(timeZone: timeZone).periods(of: entry.createdAt)
        switch try await db.groupCommit(LedgerWrite.kind, LedgerWrite(entry: entry, periods: [periods.week, periods.month])) {
        case .written: return true
        case .keyTaken: return false
        case .noMember: throw CoreError.notFound
        }
    }

    private func exists(_ idempotencyKey: String) async throws -> Bool {
        try await CreditEntry.query(on: db).filter(\.$idempotencyKey == idempotencyKey).count() > 0
    }

    /// `rule:user:cycle:` for capped rules; the slot number completes the unique cap key.
    private func cyclePrefix(_ rule: CreditRule, userID: Int, now: Date) -> String? {
        let cycle: String
        switch rule.cycle {
        case .unlimited: return nil
        case .once: cycle = "once"
        case .daily: cycle = CommunityCalendar(timeZone: timeZone).day(of: now)
        case .interval: cycle = "h" + String(Int(now.timeIntervalSince1970) / (max(1, rule.intervalHours) * 3600))
        }
        return "\(rule.action):\(userID):\(cycle):"
    }

    func balance(of userID: Int, currency: String = CreditRule.defaultCurrency) async throws -> Int {
        try await CreditBalance.query(on: db).filter(\.$user.$id == userID).filter(\.$currency == currency).first()?.balance ?? 0
    }
}

/// Calendar days in the community's time zone: check-ins and daily caps turn over at its midnight.
struct CommunityCalendar {
    let timeZone: TimeZone

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `yyyy-MM-dd`.
    func day(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    func dayBefore(_ date: Date) -> String {
        day(of: calendar.date(byAdding: .day, value: -1, to: date) ?? date.addingTimeInterval(-86_400))
    }

    /// The days of the month containing `date`, as `yyyy-MM-dd`.
    func daysOfMonth(containing date: Date) -> [String] {
        guard let range = calendar.range(of: .day, in: .month, for: date) else { return [] }
        let prefix = String(day(of: date).prefix(8))
        return range.map { prefix + String(format: "%02d", $0) }
    }
}
