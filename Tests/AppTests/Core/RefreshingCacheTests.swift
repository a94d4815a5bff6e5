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
}
