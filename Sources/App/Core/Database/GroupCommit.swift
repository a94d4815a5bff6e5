import Fluent
import NIOConcurrencyHelpers
import SQLKit

/// A kind of write that may be committed together with others of its kind (group commit).
/// Concurrent callers' items wait while the writer is busy, then go in one transaction whose
/// statements each cover the whole batch. On SQLite, where every write goes through one
/// connection, this is what lets many small writes a second through; elsewhere, and inside a
/// caller's transaction, a batch is just the one item.
///
/// `write` must treat each item on its own: an item that can't be written (a unique key already
/// taken) gets an output that says so, never an error that would fail its neighbours.
struct GroupCommitKind<Item: Sendable, Output: Sendable>: Sendable {
    let name: String
    let maxBatch: Int
    /// Writes the items inside the given transaction; one output per item, in order.
    let write: @Sendable ([Item], any SQLDatabase) async throws -> [Output]
}

/// A database that batches group commits (the SQLite single writer).
protocol GroupCommitting: Database {
    var groupCommits: GroupCommits { get }
    /// Where a batch's code runs: next to the writer's connection, away from the request loops.
    var writerExecutor: any TaskExecutor { get }
    /// Runs `body` in one transaction on the writer's connection, which nothing else uses meanwhile.
    func inWriterTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
}

extension Database {
    func groupCommit<Item, Output>(_ kind: GroupCommitKind<Item, Output>, _ item: Item) async throws -> Output {
        if !inTransaction, let batching = self as? any GroupCommitting {
            return try await batching.groupCommits.queue(for: kind).submit(item, on: batching)
        }
        let outputs = inTransaction
            ? try await kind.write([item], try Self.sql(self, kind.name))
            : try await transaction { try await kind.write([item], try Self.sql($0, kind.name)) }
        guard let output = outputs.first else { throw GroupCommitError(kind: kind.name) }
        return output
    }

    private static func sql(_ db: any Database, _ kind: String) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw GroupCommitError(kind: kind) }
        return sql
    }
}

struct GroupCommitError: Error, CustomStringConvertible {
    let kind: String
    var description: String { "group commit \(kind): the writer returned fewer outputs than items, or is not an SQL database" }
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

/// Items wait here while the writer is busy. The draining task runs on the writer's executor, so
/// a batch's statements follow each other without passing through the loops that serve requests.
final class GroupCommitQueue<Item: Sendable, Output: Sendable>: Sendable {
    private typealias Waiter = (item: Item, reply: CheckedContinuation<Output, any Error>)
    private struct State {
        var waiting: [Waiter] = []
        var draining = false
    }

    private let kind: GroupCommitKind<Item, Output>
    private let state = NIOLockedValueBox(State())

    init(kind: GroupCommitKind<Item, Output>) {
        self.kind = kind
    }

    func submit(_ item: Item, on db: any GroupCommitting) async throws -> Output {
        try await withCheckedThrowingContinuation { reply in
            let startDraining = state.withLockedValue { state in
                state.waiting.append((item, reply))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDraining {
                Task(executorPreference: db.writerExecutor) { await self.drain(on: db) }
            }
        }
    }

    /// Writes batches until nobody waits; whoever arrives meanwhile goes in the next batch.
    private func drain(on db: any GroupCommitting) async {
        while let batch = nextBatch() {
            let items = batch.map(\.item)
            let write = kind.write
            do {
                let outputs = try await db.inWriterTransaction { try await write(items, $0) }
                guard outputs.count == batch.count else { throw GroupCommitError(kind: kind.name) }
                for (waiter, output) in zip(batch, outputs) { waiter.reply.resume(returning: output) }
            } catch {
                for waiter in batch { waiter.reply.resume(throwing: error) }
            }
        }
    }

    /// The next batch, or nil (and no longer draining) when nobody waits.
    private func nextBatch() -> [Waiter]? {
        state.withLockedValue { state in
            guard !state.waiting.isEmpty else {
                state.draining = false
                return nil
            }
            let batch = Array(state.waiting.prefix(kind.maxBatch))
            state.waiting.removeFirst(batch.count)
            return batch
        }
    }
}
