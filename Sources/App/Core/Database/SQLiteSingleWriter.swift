import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// SQLite lets one connection write at a time, and sqlite-nio's connections wait for the write
/// lock by spinning on a thread (its busy handler retries at once, forever). Under concurrent
/// writes that spinning took more than half of the CPU. So every write goes through one
/// connection, the writer (a pool of one on threads of its own, see `SQLiteWriterThread`), and
/// SQLite never sees two writers; reads stay on the caller's event loop's connections and, in
/// WAL mode, never wait for the writer.
///
/// Routing: Fluent reads and aggregates, `SELECT` builders and raw SQL that only reads go to the
/// reader; everything else (writes, schema changes, transactions, sessions) to the writer. A
/// write sent to a reader by mistake would still be correct, only slower.
struct SQLiteSingleWriterConfiguration: DatabaseConfiguration {
    /// Both on the same storage; the writer's with a single connection.
    var readers: any DatabaseConfiguration
    var writer: any DatabaseConfiguration
    /// The database file, for the event loops' own read connections (`SQLiteInlineReaders`);
    /// nil for an in-memory database, which a second connection could not see.
    var inlineReadPath: String?

    var middleware: [any AnyModelMiddleware] {
        get { readers.middleware }
        set {
            readers.middleware = newValue
            writer.middleware = newValue
        }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        SQLiteSingleWriterDriver(readers: readers, writer: writer, inlineReadPath: inlineReadPath, databases: databases)
    }
}

extension DatabaseConfigurationFactory {
    static func singleWriter(readers: DatabaseConfigurationFactory, writer: DatabaseConfigurationFactory, inlineReadPath: String?) -> DatabaseConfigurationFactory {
        .init { SQLiteSingleWriterConfiguration(readers: readers.make(), writer: writer.make(), inlineReadPath: inlineReadPath) }
    }
}

private struct SQLiteSingleWriterDriver: DatabaseDriver {
    let readerDriver: any DatabaseDriver
    /// The writer's connection lives in a pool of its own, on its own loop.
    let writerDriver: any DatabaseDriver
    let writerThread: SQLiteWriterThread
    let groupCommits = GroupCommits()
    let checkpointer = SQLiteCheckpointer()
    let inlineReaders: SQLiteInlineReaders?

    init(readers: any DatabaseConfiguration, writer: any DatabaseConfiguration, inlineReadPath: String?, databases: Databases) {
        inlineReaders = inlineReadPath.map(SQLiteInlineReaders.init(path:))
        readerDriver = readers.makeDriver(for: databases)
        writerThread = SQLiteWriterThread()
        writerDriver = writer.makeDriver(for: Databases(threadPool: writerThread.pool, on: writerThread.loop))
    }

    func makeDatabase(with context: DatabaseContext) -> any Database {
        let writerContext = DatabaseContext(
            configuration: context.configuration, logger: context.logger, eventLoop: writerThread.loop,
            history: context.history, pageSizeLimit: context.pageSizeLimit, shouldTrace: context.shouldTrace)
        return SQLiteSingleWriterDatabase(
            context: context, groupCommits: groupCommits, checkpointer: checkpointer, writerThread: writerThread,
            inlineReaders: inlineReaders, reader: readerDriver.makeDatabase(with: context) as! any Database & SQLDatabase,
            writer: writerDriver.makeDatabase(with: writerContext) as! any Database & SQLDatabase & SQLiteDatabase)
    }

    func shutdown() {
        inlineReaders?.shutdown()
        readerDriver.shutdown()
        writerDriver.shutdown()
        writerThread.shutdown()
    }

    func shutdownAsync() async {
        await checkpointer.stop()
        inlineReaders?.shutdown()
        await readerDriver.shutdownAsync()
        await writerDriver.shutdownAsync()
        await writerThread.shutdownAsync()
    }
}

private struct SQLiteSingleWriterDatabase: Database, SQLDatabase, GroupCommitting {
    let context: DatabaseContext
    let groupCommits: GroupCommits
    let checkpointer: SQLiteCheckpointer
    let writerThread: SQLiteWriterThread
    let inlineReaders: SQLiteInlineReaders?
    let reader: any Database & SQLDatabase
    let writer: any Database & SQLDatabase & SQLiteDatabase

    // MARK: Fluent

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate: reader.execute(query: query, onOutput: onOutput)
        default: writer.execute(query: query, onOutput: onOutput)
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { writer.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { writer.execute(enum: `enum`) }

    /// Never: a transaction runs on the writer's own database, which says so.
    var inTransaction: Bool { false }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        writer.transaction(closure)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        writer.withConnection(closure)
    }

    // MARK: Group commits

    var writerExecutor: any TaskExecutor { writerThread }

    /// Holds the writer's only connection for the whole transaction, so no other write can fall
    /// inside it, and runs `body` on the writer's thread.
    func inWriterTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let executor = writerThread
        defer { checkpointer.nudge(on: reader) }
        return try await writer.withConnection { (connection: SQLiteConnection) -> EventLoopFuture<T> in
            let done = connection.eventLoop.makePromise(of: T.self)
            Task(executorPreference: executor) {
                let sql = SQLiteWriterSQL(connection)
                do {
                    try await sql.raw("BEGIN TRANSACTION").run()
                    do {
                        let result = try await body(sql)
                        try await sql.raw("COMMIT TRANSACTION").run()
                        done.succeed(result)
                    } catch {
                        try? await sql.raw("ROLLBACK TRANSACTION").run()
                        throw error
                    }
                } catch {
                    done.fail(error)
                }
            }
            return done.futureResult
        }.get()
    }

    // MARK: SQLKit

    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { reader.version }
    var dialect: any SQLDialect { reader.dialect }
    var queryLogLevel: Logger.Level? { reader.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let route = route(query)
        return (route.isRead ? reader : writer).execute(sql: route.statement, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let route = route(query)
        if route.isRead, SmallRead.isMarked, let inlineReaders, eventLoop.inEventLoop {
            let serialized = route.statement as? SerializedStatement ?? SerializedStatement(reader.serialize(query))
            if inlineReaders.read(serialized.sql, serialized.binds, on: eventLoop, onRow) { return }
        }
        try await (route.isRead ? reader : writer).execute(sql: route.statement, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await writer.withSession(closure)
    }

    private struct Route {
        let isRead: Bool
        let statement: any SQLExpression
    }

    /// Where a statement goes, and what to send there. Raw SQL is serialized here to tell a read
    /// by its text, and sent as serialized, so it is not serialized a second time.
    private func route(_ query: any SQLExpression) -> Route {
        switch query {
        case is SQLSelect, is SQLUnion:
            return Route(isRead: true, statement: query)
        case is SQLQueryString, is SQLRaw:
            let serialized = SerializedStatement(reader.serialize(query))
            return Route(isRead: SQLiteStatementKind.isRead(serialized.sql), statement: serialized)
        default:
            return Route(isRead: false, statement: query)
        }
    }
}

/// A statement already serialized in SQLite's dialect, placeholders and binds in their order.
private struct SerializedStatement: SQLExpression {
    let sql: String
    let binds: [any Encodable & Sendable]

    init(_ serialized: (sql: String, binds: [any Encodable & Sendable])) {
        (sql, binds) = serialized
    }

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(sql)
        serializer.binds.append(contentsOf: binds)
    }
}

/// Tells a read-only SQL statement by its leading keyword.
enum SQLiteStatementKind {
    static func isRead(_ sql: String) -> Bool {
        let text = sql.drop { $0.isWhitespace || $0 == "(" }
        if text.prefix(6).uppercased() == "SELECT" { return true }
        guard text.prefix(4).uppercased() == "WITH" else { return false }
        // A common table expression may feed a write; those go to the writer.
        let upper = text.uppercased()
        return !["INSERT", "UPDATE", "DELETE", "REPLACE"].contains { upper.contains($0) }
    }
}
