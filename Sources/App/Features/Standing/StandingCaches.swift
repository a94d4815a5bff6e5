import Fluent
import Foundation
import Vapor

/// Members per tier and the leaderboards: counting a million members or reading four boards on
/// every view is wasted work, since both change slowly, so they come from a refreshing cache.
enum StandingCaches {
    static let lifetime: TimeInterval = 5
    /// Longer: a board is a scan of every balance or of the period's totals (see `Leaderboard`):
    /// 7 ms and about 40 ms per board at 100,000 members, ten times that at a million, a burst
    /// that delays the requests around it. Forums have always shown rankings minutes old.
    static let leaderboardLifetime: TimeInterval = 300

    static func pyramidCounts(on app: Application, now: Date) async throws -> [Tier: Int] {
        try await app.pyramidCountsCache.value(for: "all", now: now) {
            var counts: [Tier: Int] = [:]
            for tier in Tier.allCases where tier != .user {
                counts[tier] = try await MemberTier.query(on: app.db).filter(\.$tier == tier).count()
            }
            counts[.user] = try await User.query(on: app.db).count() - counts.values.reduce(0, +)
            return counts
        }
    }

    /// Fills the boards and the counts at boot: a cold board is a scan, and every request that
    /// asked for it meanwhile would wait for it.
    static func warm(_ app: Application) async throws {
        let now = app.clock.now()
        _ = try await pyramidCounts(on: app, now: now)
        for board in Leaderboard.allCases { _ = try await leaderboard(board, on: app, now: now) }
    }

    static func leaderboard(_ board: Leaderboard, on app: Application, now: Date) async throws -> [Leaderboard.Entry] {
        try await app.leaderboardCache.value(for: board, now: now) {
            try await board.top(10, on: app.db, now: app.clock.now(), timeZone: app.config.timeZone)
        }
    }
}

extension Application {
    private struct PyramidCountsKey: StorageKey { typealias Value = RefreshingCache<String, [Tier: Int]> }
    private struct LeaderboardKey: StorageKey { typealias Value = RefreshingCache<Leaderboard, [Leaderboard.Entry]> }

    var pyramidCountsCache: RefreshingCache<String, [Tier: Int]> {
        stored(PyramidCountsKey.self) { .init(lifetime: StandingCaches.lifetime) }
    }

    var leaderboardCache: RefreshingCache<Leaderboard, [Leaderboard.Entry]> {
        stored(LeaderboardKey.self) { .init(lifetime: StandingCaches.leaderboardLifetime) }
    }
}
