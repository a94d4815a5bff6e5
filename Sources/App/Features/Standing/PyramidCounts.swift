import Fluent
import Foundation
import Synchronization
import Vapor

/// Members per tier. Counting a million users costs tens of milliseconds, and the pyramid is
/// shown often and changes slowly, so each node reuses its count for a few seconds.
final class PyramidCounts: Sendable {
    static let lifetime: TimeInterval = 5

    private let cached = Mutex<(at: Date, counts: [Tier: Int])?>(nil)

    func counts(on db: any Database, now: Date) async throws -> [Tier: Int] {
        if let hit = cached.withLock({ $0 }), now.timeIntervalSince(hit.at) < Self.lifetime { return hit.counts }
        var counts: [Tier: Int] = [:]
        for tier in Tier.allCases where tier != .user {
            counts[tier] = try await MemberTier.query(on: db).filter(\.$tier == tier).count()
        }
        counts[.user] = try await User.query(on: db).count() - counts.values.reduce(0, +)
        let result = counts
        cached.withLock { $0 = (now, result) }
        return result
    }
}

extension Application {
    private struct PyramidCountsKey: StorageKey { typealias Value = PyramidCounts }

    var pyramidCounts: PyramidCounts {
        if let counts = storage[PyramidCountsKey.self] { return counts }
        let counts = PyramidCounts()
        storage[PyramidCountsKey.self] = counts
        return counts
    }
}
