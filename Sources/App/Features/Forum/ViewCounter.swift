import Fluent
import Foundation
import SQLKit
import Synchronization
import Vapor

/// Thread views are counted in memory and written in one batch every few seconds, so reading a
/// thread never costs a write. A node that crashes loses at most those seconds of views.
final class ViewCounter: Sendable {
    private let pending = Mutex<[Int: Int]>([:])

    func record(_ threadID: Int) {
        pending.withLock { $0[threadID, default: 0] += 1 }
    }

    /// Views counted but not yet written, for a page that wants to show its own view.
    func unflushed(_ threadID: Int) -> Int {
        pending.withLock { $0[threadID] ?? 0 }
    }

    func flush(to db: any Database) async throws {
        let batch = pending.withLock { pending in
            defer { pending = [:] }
            return pending
        }
        guard !batch.isEmpty else { return }
        do {
            try await db.transaction { tx in
                guard let sql = tx as? any SQLDatabase else { return }
                for (threadID, views) in batch {
                    try await sql.raw("UPDATE forum_threads SET view_count = view_count + \(bind: views) WHERE id = \(bind: threadID)").run()
                }
            }
        } catch {
            // Put them back for the next flush rather than lose them.
            pending.withLock { pending in
                for (threadID, views) in batch { pending[threadID, default: 0] += views }
            }
            throw error
        }
    }
}

extension Application {
    private struct ViewCounterKey: StorageKey { typealias Value = ViewCounter }

    var viewCounter: ViewCounter {
        if let counter = storage[ViewCounterKey.self] { return counter }
        let counter = ViewCounter()
        storage[ViewCounterKey.self] = counter
        return counter
    }
}
