import Fluent
import NIOConcurrencyHelpers

/// A kind of write that may be committed together with others of its kind (group commit).
/// Concurrent callers' items wait while the writer is busy, then go in one transaction whose
/// statements each cover the whole batch. On SQLite, where every write goes through one
/// connection and each statement is a thread hop, this is what lets many small writes a second
/// through; elsewhere, and inside a caller's transaction, a batch is just the one item.
///
/// `write` must treat each item on its own: an item that can't be written (a unique key already
/// taken) gets an output that says so, never an error that would fail its neighbours.
struct GroupCommitKind<Item: Sendable, Output: Sendable>: Sendable {
    let name: String
    let maxBatch: Int
    /// Writes the items inside the given transaction; one output per item, in order.
    let write: @Sendable ([Item], any Database) async throws -> [Output]
}

/// A database that batches group commits (the SQLite single writer).
protocol GroupCommitting: Database {
    var groupCommits: GroupCommits { get }
}

extension Database {
    func groupCommit<Item, Output>(_ kind: GroupCommitKind<Item, Output>, _ item: Item) async throws -> Output {
        if !inTransaction, let batching = self as? any GroupCommitting {
            return try await batching.groupCommits.queue(for: kind).submit(item, on: batching)
        }
        let outputs = inTransaction ? try await kind.write([item], self) : try await transaction { try await kind.write([item], $0) }
        guard let output = outputs.first else { throw GroupCommitError(kind: kind.name) }
        return output
    }
}

struct GroupCommitError: Error, CustomStringConvertible {
    let kind: String
    var description: String { "group commit \(kind): the writer returned fewer outputs than items" }
}

/// The queues of one application, one per kind.
final class GroupCommits: Sendable {
    private let queues = NIOLockedValueBox<[String: any Sendable]>([:])

    func queue<Item, Output>(for kind: GroupCommitKind<Item, Output>) -> GroupCommitQueue<Item, Output> {
        queues.withLockedValue { all in
            if let existing = all[kind.name] as? GroupCommitQueue<Item, Output> { return existing }
            let made = GroupCommitQueue(kind: kind)
            all[kind.name] = made
            return made
        }
    }
}

actor GroupCommitQueue<Item: Sendable, Output: Sendable> {
    private let kind: GroupCommitKind<Item, Output>
    private var waiting: [(item: Item, reply: CheckedContinuation<Output, any Error>)] = []
    private var draining = false

    init(kind: GroupCommitKind<Item, Output>) {
        self.kind = kind
    }

    func submit(_ item: Item, on db: any Database) async throws -> Output {
        try await withCheckedThrowingContinuation { reply in
            waiting.append((item, reply))
            if !draining {
                draining = true
                Task { await self.drain(on: db) }
            }
        }
    }

    /// Writes batches until nobody waits; whoever arrives meanwhile goes in the next batch.
    private func drain(on db: any Database) async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(kind.maxBatch))
            waiting.removeFirst(batch.count)
            let items = batch.map(\.item)
            let write = kind.write
            do {
                let outputs = try await db.transaction { try await write(items, $0) }
                guard outputs.count == batch.count else { throw GroupCommitError(kind: kind.name) }
                for (waiter, output) in zip(batch, outputs) { waiter.reply.resume(returning: output) }
            } catch {
                for waiter in batch { waiter.reply.resume(throwing: error) }
            }
        }
        draining = false
    }
}
