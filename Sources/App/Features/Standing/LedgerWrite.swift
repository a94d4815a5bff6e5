import Fluent
import SQLKit

/// One ledger line on its way in, with the leaderboard periods it counts toward. Written in
/// batches (see `GroupCommitKind`): four statements per batch, however many lines it holds.
struct LedgerWrite: Sendable {
    let entry: CreditEntry
    /// `credit_period_totals` periods (this week, this month) in the community's time zone.
    let periods: [String]

    enum Outcome: Sendable, Equatable {
        case written
        /// Its idempotency or cap key was already taken.
        case keyTaken
        /// No such member: checked in the batch, so an award costs no read of its own.
        case noMember
    }

    static let kind = GroupCommitKind<LedgerWrite, Outcome>(name: "credit_entries", maxBatch: 256) { writes, sql in
        try await write(writes, on: sql)
    }

    /// Inserts the lines of existing members whose idempotency and cap keys are free, then moves
    /// the balances and the period totals by what was inserted.
    private static func write(_ writes: [LedgerWrite], on sql: any SQLDatabase) async throws -> [Outcome] {
        let members = try await sql.raw("""
            SELECT id FROM \(ident: User.schema) WHERE id IN (\(binds: Array(Set(writes.map { $0.entry.$user.id }))))
            """).all().reduce(into: Set<Int>()) { $0.insert(try $1.decode(column: "id", as: Int.self)) }
        // A retried request may meet itself in one batch: only the first line with a key is tried.
        var keys = Set<String>()
        var caps = Set<String>()
        let tried = writes.indices.filter { index in
            let entry = writes[index].entry
            guard members.contains(entry.$user.id) else { return false }
            guard !keys.contains(entry.idempotencyKey), entry.capKey.map({ !caps.contains($0) }) ?? true else { return false }
            keys.insert(entry.idempotencyKey)
            if let cap = entry.capKey { caps.insert(cap) }
            return true
        }
        var outcome = writes.map { members.contains($0.entry.$user.id) ? Outcome.keyTaken : .noMember }
        guard !tried.isEmpty else { return outcome }
        let insert = sql.insert(into: CreditEntry.schema)
            .columns("user_id", "currency", "amount", "rule", "reason", "source", "idempotency_key", "cap_key", "actor_id", "created_at")
        for index in tried {
            let entry = writes[index].entry
            insert.values(
                SQLBind(entry.$user.id), SQLBind(entry.currency), SQLBind(entry.amount), SQLBind(entry.rule), SQLBind(entry.reason),
                SQLBind(entry.source), SQLBind(entry.idempotencyKey), SQLBind(entry.capKey), SQLBind(entry.$actor.id), SQLBind(entry.createdAt))
        }
        let inserted = try await insert.ignoringConflicts().returning("idempotency_key").all()
            .reduce(into: Set<String>()) { $0.insert(try $1.decode(column: "idempotency_key", as: String.self)) }
        let written = tried.filter { inserted.contains(writes[$0].entry.idempotencyKey) }

        var balances: [BalanceKey: Int] = [:]
        var totals: [TotalKey: Int] = [:]
        for index in written {
            let write = writes[index]
            let entry = write.entry
            balances[BalanceKey(userID: entry.$user.id, currency: entry.currency), default: 0] += entry.amount
            // Leaderboards count what was earned; deductions don't lower a week's effort.
            guard entry.amount > 0 else { continue }
            for period in write.periods {
                totals[TotalKey(userID: entry.$user.id, currency: entry.currency, period: period), default: 0] += entry.amount
            }
        }
        if !balances.isEmpty {
            let upsert = sql.insert(into: CreditBalance.schema).columns("user_id", "currency", "balance")
            // In one order everywhere, so concurrent transactions on PostgreSQL lock rows alike.
            for (key, amount) in balances.sorted(by: { ($0.key.userID, $0.key.currency) < ($1.key.userID, $1.key.currency) }) {
                upsert.values(SQLBind(key.userID), SQLBind(key.currency), SQLBind(amount))
            }
            try await upsert.onConflict(with: ["user_id", "currency"]) {
                $0.set("balance", to: SQLBinaryExpression(SQLColumn("balance", table: CreditBalance.schema), .add, SQLExcludedColumn("balance")))
            }.run()
        }
        if !totals.isEmpty {
            let upsert = sql.insert(into: "credit_period_totals").columns("currency", "period", "user_id", "total")
            let ordered = totals.sorted { ($0.key.userID, $0.key.currency, $0.key.period) < ($1.key.userID, $1.key.currency, $1.key.period) }
            for (key, amount) in ordered { upsert.values(SQLBind(key.currency), SQLBind(key.period), SQLBind(key.userID), SQLBind(amount)) }
            try await upsert.onConflict(with: ["currency", "period", "user_id"]) {
                $0.set("total", to: SQLBinaryExpression(SQLColumn("total", table: "credit_period_totals"), .add, SQLExcludedColumn("total")))
            }.run()
        }
        for index in written { outcome[index] = .written }
        return outcome
    }

    private struct BalanceKey: Hashable {
        let userID: Int
        let currency: String
    }

    private struct TotalKey: Hashable {
        let userID: Int
        let currency: String
        let period: String
    }
}
