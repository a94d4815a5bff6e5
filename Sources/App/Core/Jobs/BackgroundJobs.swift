import Foundation
import Synchronization
import Vapor

/// Work a serving node does every few seconds (flushing view counts, sending the outbox), and
/// once as it starts (warming caches whose first fill is slow, so the first visitors don't wait).
/// Started by `serve` only, so commands and tests don't run it behind their backs; each periodic
/// job runs once more when the node stops, so nothing counted in memory is lost on a clean
/// shutdown.
final class BackgroundJobs: Sendable {
    struct Job: Sendable {
        let name: String
        let every: Duration
        let run: @Sendable (Application) async throws -> Void
    }

    private let jobs = Mutex<[Job]>([])
    private let warmUps = Mutex<[Job]>([])
    private let tasks = Mutex<[Task<Void, Never>]>([])

    func register(_ name: String, every: Duration, _ run: @escaping @Sendable (Application) async throws -> Void) {
        jobs.withLock { $0.append(Job(name: name, every: every, run: run)) }
    }

    /// Runs once, in the background, when the node starts.
    func registerWarmUp(_ name: String, _ run: @escaping @Sendable (Application) async throws -> Void) {
        warmUps.withLock { $0.append(Job(name: name, every: .zero, run: run)) }
    }

    func start(_ app: Application) {
        let warming = warmUps.withLock { $0 }.map { job in Task { await Self.runOnce(job, app) } }
        let jobs = self.jobs.withLock { $0 }
        let started = jobs.map { job in
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: job.every)
                    if Task.isCancelled { break }
                    await Self.runOnce(job, app)
                }
            }
        }
        tasks.withLock { $0 = started + warming }
    }

    /// Stops the loops (and waits for a warm-up still running) and runs every periodic job one
    /// last time.
    func stop(_ app: Application) async {
        let running = tasks.withLock { tasks in
            defer { tasks = [] }
            return tasks
        }
        guard !running.isEmpty else { return }
        for task in running { task.cancel() }
        for task in running { await task.value }
        for job in jobs.withLock({ $0 }) { await Self.runOnce(job, app) }
    }

    private static func runOnce(_ job: Job, _ app: Application) async {
        do {
            try await job.run(app)
        } catch {
            app.logger.warning("background job \(job.name) failed: \(String(reflecting: error))")
        }
    }
}

/// Stops the jobs before the databases close.
struct BackgroundJobsLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.backgroundJobs.stop(application)
    }
}

extension Application {
    private struct BackgroundJobsKey: StorageKey { typealias Value = BackgroundJobs }

    var backgroundJobs: BackgroundJobs {
        if let jobs = storage[BackgroundJobsKey.self] { return jobs }
        let jobs = BackgroundJobs()
        storage[BackgroundJobsKey.self] = jobs
        return jobs
    }
}
