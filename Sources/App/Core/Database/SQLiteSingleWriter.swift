import Fluent
import SQLKit
import Vapor

/// SQLite lets one connection write at a time, and sqlite-nio's connections wait for the write
/// lock by spinning on a thread (its busy handler retries at once, forever). Under concurrent
/// writes that spinning took more than half of the CPU. So every write goes through one
/// connection, the writer (the pool of one chosen event loop), and SQLite never sees two writers;
/// reads stay on the caller's event loop's connection and, in WAL mode, never wait for the writer.
///
/// Routing: Fluent reads and aggregates, `SELECT` builders and raw SQL that only reads go to the
/// reader; everything else (writes, schema changes, transactions, sessions) to the writer. A
/// write sent to a reader by mistake would still be correct, only slower.
struct SQLiteSingleWriterConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        SQLiteSingleWriterDriver(base: base.makeDriver(for: databases), writerLoop: databases.eventLoopGroup.any())
    }
}

extension DatabaseConfigurationFactory {
    static func singleWriter(_ base: DatabaseConfigurationFactory) -> DatabaseConfigurationFactory {
        .init { SQLiteSingleWriterConfiguration(base: base.make()) }
    }
}

private struct SQLiteSingleWriterDriver: DatabaseDriver {
    let base: any DatabaseDriver
    let writerLoop: any EventLoop
    let groupCommits = GroupCommits()

    func makeDatabase(with context: DatabaseContext) -> any Database {
        let writerContext = DatabaseContext(
            configuration: context.configuration, logger: context.logger, eventLoop: writerLoop,
            history: context.history, pageSizeLimit: context.pageSizeLimit, shouldTrace: context.shouldTrace)
        return SQLiteSingleWriterDatabase(
            context: context, groupCommits: groupCommits,
            reader: base.makeDatabase(with: context) as! any Database & SQLDatabase,
            writer: base.makeDatabase(with: writerContext) as! any Database & SQLDatabase)
    }

    func shutdown() { base.shutdown() }
    func shutdownAsync() async { await base.shutdownAsync() }
}

private struct SQLiteSingleWriterDatabase: Database, SQLDatabase, GroupCommitting {
    let context: DatabaseContext
    let groupCommits: GroupCommits
    let reader: any Database & SQLDatabase
    let writer: any Database & SQLDatabase

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

    // MARK: SQLKit

    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { reader.version }
    var dialect: any SQLDialect { reader.dialect }
    var queryLogLevel: Logger.Level? { reader.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        (isRead(query) ? reader : writer).execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await (isRead(query) ? reader : writer).execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await writer.withSession(closure)
    }

    private func isRead(_ query: any SQLExpression) -> Bool {
        switch query {
        case is SQLSelect, is SQLUnion: return true
        case is SQLQueryString, is SQLRaw: return SQLiteStatementKind.isRead(reader.serialize(query).sql)
        default: return false
        }
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
