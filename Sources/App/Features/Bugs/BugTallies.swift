import Foundation
import SQLKit

/// How many bugs each combination of the list filters (product, status, module, severity,
/// build) holds, kept as bugs move, so a list's total is a sum over a few rows instead of a count
/// over up to hundreds of thousands. "No module" is 0, "no severity" is "", "no build" is 0.
/// Each bug counts twice: under its build, and under `allBuilds`, which is what a list without
/// a build filter sums (a few rows, however many builds there are). Every change of those columns
/// goes through `move` or `shift` in its own transaction.
enum BugTallies {
    static let schema = "bug_tallies"
    /// The build of the rows that count every build together.
    static let allBuilds = -1

    struct Key: Hashable, Sendable {
        let product: Int
        let status: BugStatus
        let module: Int
        let severity: String
        let release: Int

        var order: String { "\(status.rawValue)|\(module)|\(severity)|\(release)" }

        var inAllBuilds: Key { Key(product: product, status: status, module: module, severity: severity, release: BugTallies.allBuilds) }

        func with(status: BugStatus? = nil, module: Int? = nil, severity: String? = nil) -> Key {
            Key(product: product, status: status ?? self.status, module: module ?? self.module, severity: severity ?? self.severity, release: release)
        }
    }

    /// The key columns as an `UPDATE … RETURNING` gives them (the values under the row's lock).
    static let returning = "product_id, status, module_id, severity, release_id"

    static func key(_ row: any SQLRow) throws -> Key {
        Key(
            product: try row.decode(column: "product_id", as: Int.self), status: try row.decode(column: "status", as: BugStatus.self),
            module: try row.decode(column: "module_id", as: Int?.self) ?? 0, severity: try row.decode(column: "severity", as: String?.self) ?? "",
            release: try row.decode(column: "release_id", as: Int?.self) ?? 0)
    }

    /// A bug counted (or no longer, with -1) under its build and under all builds.
    static func add(_ key: Key, _ delta: Int, on sql: any SQLDatabase) async throws {
        try await addRow(key, delta, on: sql)
        try await addRow(key.inAllBuilds, delta, on: sql)
    }

    private static func addRow(_ key: Key, _ delta: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO bug_tallies (product_id, status, module_id, severity, release_id, count)
            VALUES (\(bind: key.product), \(bind: key.status.rawValue), \(bind: key.module), \(bind: key.severity), \(bind: key.release), \(bind: delta))
            ON CONFLICT (product_id, status, module_id, severity, release_id) DO UPDATE SET count = bug_tallies.count + excluded.count
            """).run()
    }

    /// A bug left `from` for `to` (read under the row's lock): its tally moves with it.
    static func shift(from: Key, to: Key, on sql: any SQLDatabase) async throws {
        guard from != to else { return }
        // Always in the same order, so two transactions moving bugs between the same two tallies
        // in opposite directions (PostgreSQL) cannot each hold the row the other waits for.
        for (key, delta) in [(from, -1), (to, 1), (from.inAllBuilds, -1), (to.inAllBuilds, 1)].sorted(by: { $0.0.order < $1.0.order }) {
            try await addRow(key, delta, on: sql)
        }
    }

    /// The number of bugs a list's filters select.
    static func total(product: Int, statuses: [BugStatus], module: Int?, severity: BugSeverity?, release: Int?, on sql: any SQLDatabase) async throws -> Int {
        var query = SQLQueryString("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) AS total FROM bug_tallies WHERE product_id = ")
        query.appendInterpolation(bind: product)
        query.appendLiteral(" AND status IN (")
        query.appendInterpolation(binds: statuses.map(\.rawValue))
        query.appendLiteral(")")
        if let module {
            query.appendLiteral(" AND module_id = ")
            query.appendInterpolation(bind: module)
        }
        if let severity {
            query.appendLiteral(" AND severity = ")
            query.appendInterpolation(bind: severity.rawValue)
        }
        query.appendLiteral(" AND release_id = ")
        query.appendInterpolation(bind: release ?? allBuilds)
        return try await sql.raw(query).first()?.decode(column: "total", as: Int.self) ?? 0
    }

    /// Recounts a product's tallies from its bugs (after rows were written in bulk: the demo, repair).
    static func rebuild(product: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM bug_tallies WHERE product_id = \(bind: product)").run()
        try await sql.raw("""
            INSERT INTO bug_tallies (product_id, status, module_id, severity, release_id, count)
            SELECT product_id, status, COALESCE(module_id, 0), COALESCE(severity, ''), COALESCE(release_id, 0), COUNT(*) FROM bugs
            WHERE product_id = \(bind: product) GROUP BY product_id, status, COALESCE(module_id, 0), COALESCE(severity, ''), COALESCE(release_id, 0)
            """).run()
        try await sql.raw("""
            INSERT INTO bug_tallies (product_id, status, module_id, severity, release_id, count)
            SELECT product_id, status, COALESCE(module_id, 0), COALESCE(severity, ''), \(bind: allBuilds), COUNT(*) FROM bugs
            WHERE product_id = \(bind: product) GROUP BY product_id, status, COALESCE(module_id, 0), COALESCE(severity, '')
            """).run()
    }
}
