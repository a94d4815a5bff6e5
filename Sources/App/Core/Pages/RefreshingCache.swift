import Foundation
import Synchronization

/// Values that are expensive to compute and may be a few seconds old (pyramid counts,
/// leaderboards). A stale value keeps being served while one background refresh per key runs,
/// so a burst of requests never computes the same thing many times over. Each node has its own.
final class RefreshingCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var at: Date
        var value: Value
        var refreshing: Bool
    }

    let lifetime: TimeInterval
    private let entries = Mutex<[Key: Entry]>([:])

    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    func value(for key: Key, now: Date, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let cached: (value: Value?, refresh: Bool) = entries.withLock { entries in
            guard var entry = entries[key] else { return (nil, false) }
            if now.timeIntervalSince(entry.at) < lifetime || entry.refreshing { return (entry.value, false) }
            entry.refreshing = true
            entries[key] = entry
            return (entry.value, true)
        }
        guard let value = cached.value else {
            let fresh = try await compute()
            entries.withLock { $0[key] = Entry(at: now, value: fresh, refreshing: false) }
            return fresh
        }
        if cached.refresh {
            Task {
                let fresh = try? await compute()
                self.entries.withLock { entries in
                    if let fresh { entries[key] = Entry(at: now, value: fresh, refreshing: false) } else { entries[key]?.refreshing = false }
                }
            }
        }
        return value
    }
}
