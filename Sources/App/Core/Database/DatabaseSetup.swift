import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Connects the one set of models to SQLite (a file in WAL mode, or memory) or to PostgreSQL.
enum DatabaseSetup {
    static func configure(_ app: Application, _ config: AppConfig) throws {
        switch config.storage {
        case .sqliteFile(let path):
            useSQLite(.file(path: path), app, config)
        case .sqliteMemory:
            useSQLite(.memory, app, config)
        case .postgres(let url, let searchPath):
            var postgres: SQLPostgresConfiguration
            do {
                postgres = try SQLPostgresConfiguration(url: url)
            } catch {
                throw ConfigError.invalid("DATABASE_URL", redacted(url), "could not be parsed as a PostgreSQL URL")
            }
            postgres.searchPath = searchPath
            app.databases.use(
                .postgres(
                    configuration: postgres, maxConnectionsPerEventLoop: config.databasePoolSize,
                    connectionPoolTimeout: .seconds(config.databasePoolTimeoutSeconds), sqlLogLevel: .debug),
                as: .psql)
        }
    }

    /// Readers: `databasePoolSize` connections per event loop, so a request's reads don't queue
    /// behind its neighbours' on one connection (WAL readers never wait for each other or for
    /// the writer). The writer: one connection (see `SQLiteSingleWriter`).
    private static func useSQLite(_ storage: SQLiteConfiguration.Storage, _ app: Application, _ config: AppConfig) {
        useOwnThreadPool(app, connections: config.databasePoolSize * eventLoopCount(app))  // the writer has a thread of its own
        SearchRankFunction.install()  // before the first connection opens
        let sqlite = SQLiteConfiguration(storage: storage)  // one storage: `.memory` names a new database each time
        let timeout = TimeAmount.seconds(config.databasePoolTimeoutSeconds)
        let inlineReadPath: String? = if case .file(let path) = storage { path } else { nil }
        app.databases.use(
            .singleWriter(
                readers: .sqlite(sqlite, maxConnectionsPerEventLoop: config.databasePoolSize, connectionPoolTimeout: timeout, sqlLogLevel: .debug),
                writer: .sqlite(sqlite, maxConnectionsPerEventLoop: 1, connectionPoolTimeout: timeout, sqlLogLevel: .debug),
                inlineReadPath: inlineReadPath),
            as: .sqlite)
    }

    /// sqlite-nio runs every statement on the application's blocking thread pool, and a
    /// connection that waits for the write lock spins in its busy handler on one of those
    /// threads until the lock is free. With the process-wide pool (one thread per core, shared
    /// by every Application in the process) the waiters can take every thread while the
    /// connection holding the lock waits for one to run its COMMIT: all of them then hang for
    /// good. This pool has a thread for every connection plus spares for file I/O, so the lock
    /// holder always finds a thread. It must be set before Fluent's storage first reads
    /// `app.threadPool`, which is the first use of `app.databases`.
    private static func useOwnThreadPool(_ app: Application, connections: Int) {
        app.threadPool = NIOThreadPool(numberOfThreads: connections + 2)
    }

    /// Fluent keeps a pool per event loop of `databasePoolSize` connections; SQLite adds its writer.
    static func maxConnections(_ config: AppConfig, on app: Application) -> Int {
        config.databasePoolSize * eventLoopCount(app) + (config.storage.isSQLite ? 1 : 0)
    }

    private static func eventLoopCount(_ app: Application) -> Int {
        app.eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 }
    }

    /// Opens the database once at boot: WAL for SQLite files, and a clear line if it can't be reached.
    static func prepare(_ app: Application, _ config: AppConfig) async throws {
        if case .sqliteFile(let path) = config.storage {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw DatabaseUnavailable(config: config, underlying: MissingFolder(path: folder))
            }
        }
        let probe = await DatabaseProbe.run(app.db)
        guard probe.ok else {
            throw DatabaseUnavailable(config: config, underlying: probe.error)
        }
        if config.storage.isSQLite, let sql = app.db as? any SQLDatabase {
            // Stored in the file, so it holds for every connection.
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            // Per connection, and only the writer writes (see SQLiteSingleWriter): in WAL mode
            // NORMAL is durable across application crashes and skips an fsync per commit.
            try await sql.raw("PRAGMA synchronous = NORMAL").run()
            // A group commit's statements each keep a statement journal (for a failed item's
            // rollback alone); past 64 KB SQLite spills it to a temporary file, and writing that
            // file took a fifth of the writer's time. In memory it is a copy.
            try await sql.raw("PRAGMA temp_store = MEMORY").run()
            // The writer's own checkpoints are the backstop; the copying happens beside it (see SQLiteCheckpointer).
            try await sql.raw("PRAGMA wal_autocheckpoint = \(unsafeRaw: String(SQLiteCheckpointer.walAutocheckpointPages))").run()
        }
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(unparseable)" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "(unparseable)"
    }
}

struct MissingFolder: Error, CustomStringConvertible {
    let path: String
    var description: String { "the folder \(path) does not exist" }
}

struct DatabaseUnavailable: Error, CustomStringConvertible {
    let config: AppConfig
    let underlying: (any Error)?

    var description: String {
        let reason = underlying.map { String(String(reflecting: $0).split(separator: "\n").first.map(String.init) ?? "").prefix(300).description } ?? "unknown error"
        switch config.storage {
        case .postgres(let url, _):
            return "database error: cannot reach PostgreSQL at \(DatabaseSetup.redacted(url)): \(reason)"
        case .sqliteFile(let path):
            return "database error: cannot open the SQLite file \(path): \(reason)"
        case .sqliteMemory:
            return "database error: cannot open an in-memory SQLite database: \(reason)"
        }
    }
}
