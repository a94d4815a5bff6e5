import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// Copies committed pages from the WAL into the database file in the background, on a reader's
/// connection and thread, while the writer goes on writing (SQLite allows a checkpoint beside
/// the writer). Left to the writer's own automatic checkpoint, this copying (and its fsync) fell
/// inside a group commit's COMMIT and took more than half of an award batch's time.
///
/// The writer keeps an automatic checkpoint (`walAutocheckpointPages`) as the backstop: once the
/// WAL is that long, it finishes what is left after each commit until the WAL can start over.
/// The WAL only starts over after a checkpoint that copied everything, which under steady writes
/// only the writer's own manages; so the backstop is set high (64 MB of WAL with 4 KB pages), for
/// that to happen seldom, and the background copies often (every 20 ms under load), for the
/// writer to find little left. At 4,000 pages and 100 ms the writer spent a fifth of its time
/// checkpointing; awards went from about 3,900/s to 4,300/s over 30 s runs.
final class SQLiteCheckpointer: Sendable {
    static let walAutocheckpointPages = 16_000
    private let interval: TimeAmount

    private struct State {
        var running: Task<Void, Never>?
        var last = NIODeadline.distantPast
        var stopped = false
    }

    private let state = NIOLockedValueBox(State())

    init(interval: TimeAmount = .milliseconds(20)) {
        self.interval = interval
    }

    var isIdle: Bool { state.withLockedValue { $0.running == nil } }

    /// Called after a commit: starts a checkpoint unless one runs or ran in the last interval.
    func nudge(on reader: any SQLDatabase) {
        let now = NIODeadline.now()
        let interval = interval
        state.withLockedValue { state in
            guard !state.stopped, state.running == nil, now - state.last >= interval else { return }
            state.running = Task {
                do {
                    // PASSIVE: copies what no reader still needs, never waits, never blocks the writer.
                    try await reader.raw("PRAGMA wal_checkpoint(PASSIVE)").run()
                } catch {
                    reader.logger.warning("background WAL checkpoint failed: \(String(describing: error))")
                }
                self.state.withLockedValue { $0.running = nil; $0.last = .now() }
            }
        }
    }

    /// Starts no more checkpoints and waits for the one running. Called before the readers'
    /// pools close: a checkpoint still opening a reader's connection then would find the pool
    /// and its thread pool gone, and drop the connection unclosed.
    func stop() async {
        let running = state.withLockedValue { state in
            state.stopped = true
            return state.running
        }
        await running?.value
    }
}
