import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// Copies committed pages from the WAL into the database file in the background, on a reader's
/// connection and thread, while the writer goes on writing (SQLite allows a checkpoint beside
/// the writer). Left to the writer's own automatic checkpoint, this copying (and its fsync) fell
/// inside a group commit's COMMIT and took more than half of an award batch's time.
///
/// The writer keeps a larger automatic checkpoint (`walAutocheckpointPages`) as the backstop: it
/// then finds most pages already copied, finishes the rest, and lets the WAL start over.
final class SQLiteCheckpointer: Sendable {
    static let walAutocheckpointPages = 4_000
    private let interval: TimeAmount

    private struct State {
        var running: Task<Void, Never>?
        var last = NIODeadline.distantPast
        var stopped = false
    }

    private let state = NIOLockedValueBox(State())

    init(interval: TimeAmount = .milliseconds(100)) {
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
