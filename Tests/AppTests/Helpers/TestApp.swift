import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The moment every test starts at, unless it moves the clock.
let testEpoch = Date(timeIntervalSince1970: 1_795_000_000)

/// Builds the real application through `configure`, on a fresh SQLite file of its own, or,
/// when `CANYU_TEST_DATABASE_URL` is set, in a schema of its own on that PostgreSQL database
/// (so suites can run in parallel there too). Migrates, runs `body`, and tears everything down.
func withTestApp(
    _ adjust: (inout AppConfig) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    // The anonymous page cache is off by default so each test sees its own writes at once;
    // AnonymousPageCacheTests turns it on. The member page cache stays on (as in production):
    // a member's own writes must show at once through it, and every page test checks that.
    // Its own file rather than sqlite-kit's `.memory`, which is a temporary file too but is never
    // deleted; this one goes in teardown.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("canyu-\(schema).sqlite").path
    var config = AppConfig(storage: .sqliteFile(path: file), bcryptCost: 4, logRequests: false, databasePoolSize: 2, anonymousCacheSeconds: 0)
    config.listCacheSeconds = 0
    // The whole suite runs in parallel on two cores: under that load the concurrency tests'
    // transactions can queue for longer than production's 10 s before they get a connection.
    config.databasePoolTimeoutSeconds = 120
    if let url = ProcessInfo.processInfo.environment["CANYU_TEST_DATABASE_URL"], !url.isEmpty {
        config.storage = .postgres(url: url, searchPath: [String(schema)])
    }
    adjust(&config)
    let app = try await Application.make(.testing)
    app.clock = FixedClock(testEpoch)
    do {
        try await configure(app, config)
        try await DatabaseSetup.prepare(app, config)
        if case .postgres = config.storage, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA \(ident: String(schema))").run()
        }
        try await app.autoMigrate()
        try await body(app)
    } catch {
        await teardown(app, config: config, schema: String(schema))
        throw error
    }
    await teardown(app, config: config, schema: String(schema))
}

private func teardown(_ app: Application, config: AppConfig, schema: String) async {
    if case .postgres = config.storage, let sql = app.db as? any SQLDatabase {
        try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
    if case .sqliteFile(let file) = config.storage {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    }
}

extension Application {
    var fixedClock: FixedClock { clock as! FixedClock }
}

/// Starts the app on a real port for tests that fire many simultaneous requests.
func withRunningServer(_ app: Application, _ body: (String) async throws -> Void) async throws {
    app.http.server.configuration.hostname = "127.0.0.1"
    app.http.server.configuration.port = 0
    try await app.server.start()
    guard let port = app.http.server.shared.localAddress?.port else {
        await app.server.shutdown()
        Issue.record("the server did not report its port")
        return
    }
    do {
        try await body("http://127.0.0.1:\(port)")
    } catch {
        await app.server.shutdown()
        throw error
    }
    await app.server.shutdown()
}
