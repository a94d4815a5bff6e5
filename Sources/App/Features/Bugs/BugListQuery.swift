import Fluent
import FluentSQL
import Foundation
import SQLKit

/// A page of a product's bugs in one sort, read from that sort's index. Each sort has two
/// indexes: (product, sort, id) and (product, status, sort, id), both ending with the filtered
/// columns (status, module, severity, build), so a filter is checked inside the index and a page
/// reads only the rows it shows. On SQLite the index is named (`INDEXED BY`): with a choice of
/// statuses the planner would otherwise sort every matching row.
enum BugListQuery {
    static func sortColumn(_ sort: BugsService.Sort) -> String {
        switch sort {
        case .heat: "heat_rank"
        case .new: "created_at"
        case .metoo: "me_too_count"
        case .changed: "status_changed_at"
        }
    }

    static func indexColumns(sort: BugsService.Sort, byStatus: Bool) -> [String] {
        (byStatus ? ["product_id", "status", sortColumn(sort), "id"] : ["product_id", sortColumn(sort), "id", "status"])
            + ["module_id", "severity", "release_id"]
    }

    static func indexName(_ columns: [String]) -> String { "idx_bugs_list_" + columns.joined(separator: "_") }

    struct Where: Sendable {
        let product: Int
        let statuses: [BugStatus]
        let module: Int?
        let severity: BugSeverity?
        let release: Int?
        let minRank: Double?
    }

    /// `SELECT <columns> FROM bugs [INDEXED BY …] WHERE …`, without order or limit.
    static func select(_ columns: String, _ filter: Where, sort: BugsService.Sort, on sql: any SQLDatabase) -> SQLQueryString {
        var query: SQLQueryString = "SELECT \(unsafeRaw: columns) FROM bugs"
        if sql.dialect.name == "sqlite" {
            query.appendLiteral(" INDEXED BY " + indexName(indexColumns(sort: sort, byStatus: filter.statuses.count == 1)))
        }
        query.appendLiteral(" WHERE product_id = ")
        query.appendInterpolation(bind: filter.product)
        query.appendLiteral(" AND status IN (")
        query.appendInterpolation(binds: filter.statuses.map(\.rawValue))
        query.appendLiteral(")")
        if let module = filter.module {
            query.appendLiteral(" AND module_id = ")
            query.appendInterpolation(bind: module)
        }
        if let severity = filter.severity {
            query.appendLiteral(" AND severity = ")
            query.appendInterpolation(bind: severity.rawValue)
        }
        if let release = filter.release {
            query.appendLiteral(" AND release_id = ")
            query.appendInterpolation(bind: release)
        }
        if let rank = filter.minRank {
            query.appendLiteral(" AND heat_rank >= ")
            query.appendInterpolation(bind: rank)
        }
        return query
    }

    /// The page's ids come from the index alone (the rows an offset skips are never read), then
    /// its rows by id.
    static func page(_ filter: Where, sort: BugsService.Sort, offset: Int, limit: Int, on sql: any SQLDatabase) async throws -> [BugSummary] {
        let order = " ORDER BY \(sortColumn(sort)) DESC, id DESC"
        var query: SQLQueryString = "SELECT \(unsafeRaw: BugSummary.columns) FROM bugs WHERE id IN ("
        query.appendInterpolation(select("id", filter, sort: sort, on: sql))
        query.appendLiteral(order + " LIMIT ")
        query.appendInterpolation(bind: limit)
        query.appendLiteral(" OFFSET ")
        query.appendInterpolation(bind: offset)
        query.appendLiteral(")" + order)
        return try await sql.raw(query).all().map { try BugSummary(row: $0) }
    }

    /// How many match, counted up to `cap` (for the minimum-heat filter, which no tally holds).
    static func count(_ filter: Where, cap: Int, on sql: any SQLDatabase) async throws -> Int {
        var query = SQLQueryString("SELECT COUNT(*) AS total FROM (")
        query.appendInterpolation(select("1 AS one", filter, sort: .heat, on: sql))
        query.appendLiteral(" LIMIT ")
        query.appendInterpolation(bind: cap)
        query.appendLiteral(") capped")
        return try await sql.raw(query).first()?.decode(column: "total", as: Int.self) ?? 0
    }
}
