import Fluent
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit
import Testing
import Vapor

@testable import App

/// Group commits on the writer's own thread (SQLite) or one transaction per item (PostgreSQL):
/// concurrent batches, plain writes and transactions all land, and a failed batch leaves the
/// writer usable.
@Suite("Group commits")
struct GroupCommitTests {
    /// Each item a row; "fail" makes the whole write throw after inserting the others.
    static let rows = GroupCommitKind<String, Bool>(name: "test_rows", maxBatch: 16) { items, sql in
        for item in items {
            try await sql.raw("INSERT INTO group_commit_rows (label) VALUES (\(bind: item))").run()
        }
        if items.contains("fail") { throw Abort(.conflict, reason: "asked to fail") }
        return items.map { _ in true }
    }

    private func makeTable(_ app: Application) async throws -> any SQLDatabase {
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.raw("CREATE TABLE group_commit_rows (label TEXT NOT NULL UNIQUE)").run()
        return sql
    }

    private func labels(_ sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw("SELECT label FROM group_commit_rows").all().map { try $0.decode(column: "label", as: String.self) })
    }

    @Test func batches_plain_writes_and_transactions_at_once_all_land() async throws {
        try await withTestApp { app in
            let sql = try await makeTable(app)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<64 {
                    group.addTask {
                        let written = try await app.db.groupCommit(Self.rows, "batched-\(n)")
                        #expect(written)
                    }
                }
                for n in 0..<24 {
                    group.addTask { try await sql.raw("INSERT INTO group_commit_rows (label) VALUES (\(bind: "plain-\(n)"))").run() }
                }
                for n in 0..<12 {
                    group.addTask {
                        try await app.db.transaction { tx in
                            let tx = tx as! any SQLDatabase
                            try await tx.raw("INSERT INTO group_commit_rows (label) VALUES (\(bind: "tx-\(n)-a"))").run()
                            try await tx.raw("INSERT INTO group_commit_rows (label) VALUES (\(bind: "tx-\(n)-b"))").run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let stored = try await labels(sql)
            #expect(stored.count == 64 + 24 + 24)
            #expect(stored.contains("batched-63") && stored.contains("plain-23") && stored.contains("tx-11-b"))
        }
    }

    @Test func a_failed_batch_is_rolled_back_and_the_writer_goes_on() async throws {
        try await withTestApp { app in
            let sql = try await makeTable(app)
            await #expect(throws: Abort.self) { try await app.db.groupCommit(Self.rows, "fail") }
            #expect(try await labels(sql).isEmpty)
            #expect(try await app.db.groupCommit(Self.rows, "after"))
            try await sql.raw("INSERT INTO group_commit_rows (label) VALUES ('plain')").run()
            #expect(try await labels(sql) == ["after", "plain"])
        }
    }
}

/// The background checkpoint starts at most once per interval, never twice at a time, and never
/// after shutdown began.
@Suite("WAL checkpoints beside the writer")
struct SQLiteCheckpointerTests {
    /// Counts the statements it is asked to run.
    final class CountingDatabase: SQLDatabase, @unchecked Sendable {
        let eventLoop: any EventLoop
        let logger = Logger(label: "test")
        var dialect: any SQLDialect { SQLiteDialect() }
        var version: (any SQLDatabaseReportedVersion)? { nil }
        private let statements = NIOLockedValueBox<[String]>([])
        private let finished = NIOLockedValueBox(0)
        /// How long each statement takes.
        let delay: TimeAmount

        init(_ eventLoop: any EventLoop, delay: TimeAmount = .zero) {
            self.eventLoop = eventLoop
            self.delay = delay
        }

        var finishedCount: Int { finished.withLockedValue { $0 } }

        var count: Int { statements.withLockedValue { $0.count } }
        var all: [String] { statements.withLockedValue { $0 } }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
            let text = serialize(query).sql
            statements.withLockedValue { $0.append(text) }
            return eventLoop.scheduleTask(in: delay) { self.finished.withLockedValue { $0 += 1 } }.futureResult
        }
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func nudges_within_the_interval_run_one_checkpoint() async throws {
        let database = CountingDatabase(MultiThreadedEventLoopGroup.singleton.any())
        let checkpointer = SQLiteCheckpointer(interval: .seconds(3600))
        for _ in 0..<20 { checkpointer.nudge(on: database) }
        try await waitUntil { database.count >= 1 }
        for _ in 0..<20 { checkpointer.nudge(on: database) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(database.all == ["PRAGMA wal_checkpoint(PASSIVE)"])
    }

    @Test func the_next_checkpoint_starts_once_the_last_one_is_done() async throws {
        let database = CountingDatabase(MultiThreadedEventLoopGroup.singleton.any())
        let checkpointer = SQLiteCheckpointer(interval: .zero)
        for round in 1...3 {
            try await waitUntil { checkpointer.isIdle }
            checkpointer.nudge(on: database)
            try await waitUntil { database.count >= round }
        }
        try await waitUntil { checkpointer.isIdle }
        #expect(database.count == 3)
    }

    @Test func stopping_waits_for_the_running_checkpoint_and_starts_no_more() async throws {
        let database = CountingDatabase(MultiThreadedEventLoopGroup.singleton.any(), delay: .milliseconds(200))
        let checkpointer = SQLiteCheckpointer(interval: .zero)
        checkpointer.nudge(on: database)
        try await waitUntil { database.count == 1 }
        await checkpointer.stop()
        #expect(database.finishedCount == 1)
        checkpointer.nudge(on: database)
        try await Task.sleep(for: .milliseconds(50))
        #expect(database.count == 1)
    }
}
