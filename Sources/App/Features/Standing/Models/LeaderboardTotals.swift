import Fluent
import Foundation

/// Credits earned per member per week and per month, kept current in the same transaction as
/// each ledger line, so leaderboards read ten rows from an index instead of summing the ledger.
final class CreditPeriodTotal: Model, @unchecked Sendable {
    static let schema = "credit_period_totals"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "currency") var currency: String
    /// `w2026-48` (ISO week) or `m2026-11`, in the community's time zone.
    @Field(key: "period") var period: String
    @Parent(key: "user_id") var user: User
    @Field(key: "total") var total: Int

    init() {}
}

/// Each member's longest check-in streak, for the streak leaderboard.
final class MemberStreak: Model, @unchecked Sendable {
    static let schema = "member_streaks"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: User
    @Field(key: "longest") var longest: Int

    init() {}
}

struct CreateLeaderboardTotals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CreditPeriodTotal.schema)
            .field("id", .int, .identifier(auto: true))
            .field("currency", .string, .required)
            .field("period", .string, .required)
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("total", .int, .required)
            .unique(on: "currency", "period", "user_id")
            .create()
        try await database.rankingIndex(on: CreditPeriodTotal.schema, "currency", "period", "total DESC", "user_id")
        try await database.schema(MemberStreak.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("longest", .int, .required)
            .unique(on: "user_id")
            .create()
        try await database.rankingIndex(on: MemberStreak.schema, "longest DESC", "user_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MemberStreak.schema).delete()
        try await database.schema(CreditPeriodTotal.schema).delete()
    }
}

extension CommunityCalendar {
    /// Weeks start on Monday (ISO 8601), in the community's time zone.
    var isoCalendar: Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Monday 00:00 of the week containing `date`.
    func weekStart(containing date: Date) -> Date {
        isoCalendar.dateInterval(of: .weekOfYear, for: date)?.start ?? date
    }

    /// The leaderboard periods a moment belongs to: its ISO week and its month.
    func periods(of date: Date) -> (week: String, month: String) {
        let parts = isoCalendar.dateComponents([.yearForWeekOfYear, .weekOfYear, .year, .month], from: date)
        return (
            String(format: "w%04d-%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0),
            String(format: "m%04d-%02d", parts.year ?? 0, parts.month ?? 0)
        )
    }
}
