import Fluent
import Foundation
import Synchronization
import Vapor

/// Members per tier. Counting a million users costs tens of milliseconds, and the pyramid is
/// shown often and changes slowly, so each node keeps its count for a few seconds; when it is
/// stale, one background refresh runs while requests keep getting the previous count.
final class PyramidCounts: Sendable {
    static let lifetime: TimeInterval = 5

    private struct State {
        var at: Date
        var counts: [Tier: Int]
        var refreshing: Bool
    }

    private let state = Mutex<State?>(nil)

    func counts(on app: Application, now: Date) async throws -> [Tier: Int] {
        let decision: (counts: [Tier: Int]?, refresh: Bool) = state.withLock { state in
            guard var current = state else { return (nil, false) }
            if now.timeIntervalSince(current.at) < Self.lifetime || current.refreshing { return (current.counts, false) }
            current.refreshing = true
            state = current
            return (current.counts, true)
        }
        if let counts = decision.counts {
            if decision.refresh {
                Task {
                    let fresh = try? await Self.count(on: app.db)
                    self.state.withLock { state in
                        if let fresh { state = State(at: app.clock.now(), counts: fresh, refreshing: false) } else { state?.refreshing = false }
                    }
                }
            }
            return counts
        }
        let fresh = try await Self.count(on: app.db)
        state.withLock { $0 = State(at: now, counts: fresh, refreshing: false) }
        return fresh
    }

    private static func count(on db: any Database) async throws -> [Tier: Int] {
        var counts: [Tier: Int] = [:]
        for tier in Tier.allCases where tier != .user {
            counts[tier] = try await MemberTier.query(on: db).filter(\.$tier == tier).count()
        }
        counts[.user] = try await User.query(on: db).count() - counts.values.reduce(0, +)
        return counts
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
