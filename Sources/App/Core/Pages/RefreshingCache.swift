import Foundation
import Vapor
import Synchronization

/// Values that are expensive to compute and may be a few seconds old (pyramid counts,
/// leaderboards, idea lists). A stale value keeps being served while one background refresh per
/// key runs, and a missing one is computed once however many requests ask for it at the same
/// moment (they all wait for that one computation), so a burst never computes the same thing
/// many times over. Each node has its own; at most `maxEntries` keys are kept. A lifetime of 0
/// turns the cache off: every call computes.
final class RefreshingCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var at: Date
        var value: Value
        var refreshing: Bool
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var filling: [Key: Task<Value, any Error>] = [:]
    }

    let lifetime: TimeInterval
    let maxEntries: Int
    /// Whether an expired value is still served while its refresh runs. Off for what a member
    /// checks right after changing it (a search for the post they just wrote): then an expired
    /// value is recomputed first, once, while the other requests wait for it.
    let servesStale: Bool
    private let state = Mutex(State())

    init(lifetime: TimeInterval, maxEntries: Int = 1_000, servesStale: Bool = true) {
        self.lifetime = lifetime
        self.maxEntries = maxEntries
        self.servesStale = servesStale
    }

    private enum Plan {
        case cached(Value, refresh: Bool)
        case wait(Task<Value, any Error>)
    }

    func value(for key: Key, now: Date, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        guard lifetime > 0 else { return try await compute() }
        let plan: Plan = state.withLock { state in
            if var entry = state.entries[key] {
                if now.timeIntervalSince(entry.at) < lifetime || (servesStale && entry.refreshing) { return .cached(entry.value, refresh: false) }
                if servesStale {
                    entry.refreshing = true
                    state.entries[key] = entry
                    return .cached(entry.value, refresh: true)
                }
                state.entries[key] = nil
            }
            if let filling = state.filling[key] { return .wait(filling) }
            // The task keeps what it computed (or forgets the key if it failed); callers only wait.
            let task = Task {
                do {
                    let value = try await compute()
                    self.store(value, for: key, at: now)
                    return value
                } catch {
                    self.state.withLock { _ = $0.filling.removeValue(forKey: key) }
                    throw error
                }
            }
            state.filling[key] = task
            return .wait(task)
        }
        switch plan {
        case .cached(let value, let refresh):
            if refresh {
                Task {
                    let fresh = try? await compute()
                    self.state.withLock { state in
                        if let fresh { state.entries[key] = Entry(at: now, value: fresh, refreshing: false) } else { state.entries[key]?.refreshing = false }
                    }
                }
            }
            return value
        case .wait(let task):
            return try await task.value
        }
    }

    private func store(_ value: Value, for key: Key, at now: Date) {
        state.withLock { state in
            state.filling[key] = nil
            if state.entries[key] == nil, state.entries.count >= maxEntries {
                // Full: drop what is stale, or everything if nothing is (the next requests refill).
                state.entries = state.entries.filter { now.timeIntervalSince($0.value.at) < lifetime }
                if state.entries.count >= maxEntries { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[key] = Entry(at: now, value: value, refreshing: false)
        }
    }
}

extension Application {
    /// A value this application keeps for its lifetime (a cache), made on first use.
    func stored<Key: StorageKey>(_ key: Key.Type, make: () -> Key.Value) -> Key.Value {
        if let value = storage[key] { return value }
        let value = make()
        storage[key] = value
        return value
    }
}
