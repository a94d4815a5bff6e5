import Foundation
import Synchronization
import Testing
import Vapor

@testable import App

/// Warm-ups run once at start; periodic jobs run on their interval and once more at stop.
@Suite("Background jobs")
struct BackgroundJobsTests {
    @Test func warm_ups_run_once_and_periodic_jobs_run_again_at_stop() async throws {
        try await withTestApp { app in
            let jobs = BackgroundJobs()
            let warmed = Mutex(0)
            let flushed = Mutex(0)
            jobs.registerWarmUp("warm") { _ in warmed.withLock { $0 += 1 } }
            jobs.register("flush", every: .seconds(3600)) { _ in flushed.withLock { $0 += 1 } }
            jobs.start(app)
            for _ in 0..<200 where warmed.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(warmed.withLock { $0 } == 1)
            #expect(flushed.withLock { $0 } == 0)
            await jobs.stop(app)
            #expect(warmed.withLock { $0 } == 1)
            #expect(flushed.withLock { $0 } == 1)
            // The boards and counts warm up on either engine.
            try await StandingCaches.warm(app)
        }
    }
}
