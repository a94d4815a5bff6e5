import Fluent
import SQLKit

/// Balances and this week's and month's totals lose their leaderboard-order indexes. Every award
/// moved an entry in each of the three (a delete and an insert, usually on two pages), which
/// was most of an award's page writes; the leaderboards are read from a cache refreshed every
/// `StandingCaches.leaderboardLifetime` instead, by a scan that costs milliseconds per hundred
/// thousand members (see `Leaderboard.top`).
struct DropCreditRankingIndexes: AsyncMigration {
    static let indexes = [
        "rank_credit_balances_currency_balance_user_id",
        "rank_credit_period_totals_currency_period_total_user_id",
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.drop(index: index).ifExists().run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.rankingIndex(on: CreditBalance.schema, "currency", "balance DESC", "user_id")
        try await database.rankingIndex(on: CreditPeriodTotal.schema, "currency", "period", "total DESC", "user_id")
    }
}
