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
        var running = false
        var last = NIODeadline.distantPast
    }

    private let state = NIOLockedValueBox(State())

    init(interval: TimeAmount = .milliseconds(100)) {
        self.interval = interval
    }

    var isIdle: Bool { state.withLockedValue { !$0.running } }

    /// Called after a commit: starts a checkpoint unless one runs or ran in the last interval.
    func nudge(on reader: any SQLDatabase) {
        let now = NIODeadline.now()
        let interval = interval
        let start = state.withLockedValue { state in
            guard !state.running, now - state.last >= interval else { return false }
            state.running = true
            return true
        }
        guard start else { return }
        Task {
            do {
                // PASSIVE: copies what no reader still needs, never waits, never blocks the writer.
                try await reader.raw("PRAGMA wal_checkpoint(PASSIVE)").run()
            } catch {
                reader.logger.warning("background WAL checkpoint failed: \(String(describing: error))")
            }
            state.withLockedValue { $0 = State(running: false, last: .now()) }
        }
    }
}
