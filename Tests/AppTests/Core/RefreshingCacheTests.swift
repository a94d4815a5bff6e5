import Foundation
import Synchronization
import Testing

@testable import App

@Suite("The refreshing cache")
struct RefreshingCacheTests {
    @Test func a_stale_value_is_served_while_one_refresh_runs() async throws {
        let cache = RefreshingCache<String, Int>(lifetime: 5)
        let computed = Mutex(0)
        let compute: @Sendable () async throws -> Int = { computed.withLock { $0 += 1; return $0 } }
        let start = Date(timeIntervalSince1970: 0)
        #expect(try await cache.value(for: "k", now: start, compute: compute) == 1)
        #expect(try await cache.value(for: "k", now: start.addingTimeInterval(4), compute: compute) == 1)
        // Stale: twenty requests get the old value, and only one refresh is started.
        for _ in 0..<20 {
            #expect(try await cache.value(for: "k", now: start.addingTimeInterval(6), compute: compute) == 1)
        }
        for _ in 0..<100 where computed.withLock({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(computed.withLock { $0 } == 2)
        #expect(try await cache.value(for: "k", now: start.addingTimeInterval(7), compute: compute) == 2)
    }

    @Test func simultaneous_misses_compute_once() async throws {
        let cache = RefreshingCache<String, Int>(lifetime: 5)
        let computed = Mutex(0)
        let compute: @Sendable () async throws -> Int = {
            try await Task.sleep(for: .milliseconds(50))
            return computed.withLock { $0 += 1; return $0 }
        }
        let now = Date(timeIntervalSince1970: 0)
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<64 { group.addTask { try await cache.value(for: "cold", now: now, compute: compute) } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 64))
        #expect(computed.withLock { $0 } == 1)
    }

    @Test func a_failed_fill_is_not_kept_and_the_size_is_bounded() async throws {
        struct Failure: Error {}
        let cache = RefreshingCache<Int, Int>(lifetime: 5, maxEntries: 3)
        let now = Date(timeIntervalSince1970: 0)
        await #expect(throws: Failure.self) { try await cache.value(for: 0, now: now) { throw Failure() } }
        #expect(try await cache.value(for: 0, now: now) { 7 } == 7)
        for key in 1...5 { _ = try await cache.value(for: key, now: now) { key } }
        // Older keys went to make room: asking again computes afresh.
        #expect(try await cache.value(for: 0, now: now) { 70 } == 70)
    }

    @Test func without_stale_serving_an_expired_value_is_recomputed_first() async throws {
        let cache = RefreshingCache<String, Int>(lifetime: 5, servesStale: false)
        let computed = Mutex(0)
        let compute: @Sendable () async throws -> Int = { computed.withLock { $0 += 1; return $0 } }
        let start = Date(timeIntervalSince1970: 0)
        #expect(try await cache.value(for: "k", now: start, compute: compute) == 1)
        #expect(try await cache.value(for: "k", now: start.addingTimeInterval(4), compute: compute) == 1)
        #expect(try await cache.value(for: "k", now: start.addingTimeInterval(6), compute: compute) == 2)
    }
}
