import Fluent
import Foundation
import SQLKit
import Vapor

extension BugsService {
    enum Sort: String, CaseIterable, Sendable {
        case heat, new, metoo = "me_too", changed
    }

    /// A list's filters: the public list and the triage queue use the same ones.
    struct Filter: Hashable, Sendable {
        var sort: Sort = .heat
        /// nil: every status but duplicates.
        var status: BugStatus?
        /// Only new, confirmed and in progress.
        var openOnly = false
        var moduleKey: String?
        var releaseID: Int?
        var severity: BugSeverity?
        var minHeat: Int?
        var page = 1

        /// The query string as sent, decoded once (each `req.query[…]` would parse it again).
        private struct Query: Decodable {
            var sort, status, severity, module, build, min_heat, page: String?
        }

        static func parse(_ req: Request) throws -> Filter {
            let query = (try? req.query.decode(Query.self)) ?? Query()
            var filter = Filter()
            if let raw = query.sort, !raw.isEmpty {
                guard let sort = Sort(rawValue: raw) else { throw CoreError.invalidField(field: "sort", messageKey: "bugs.invalid.sort") }
                filter.sort = sort
            }
            if let raw = query.status, !raw.isEmpty {
                if raw == "open" { filter.openOnly = true } else { filter.status = try BugStatus.parse(raw) }
            }
            filter.severity = try BugSeverity.parseIfGiven(query.severity)
            filter.moduleKey = query.module.map { String($0.prefix(40)).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
            filter.releaseID = try number(query.build, "build")
            filter.minHeat = try number(query.min_heat, "min_heat")
            filter.page = max(1, min(try number(query.page, "page") ?? 1, 100_000))
            return filter
        }

        private static func number(_ raw: String?, _ name: String) throws -> Int? {
            guard let raw, !raw.isEmpty else { return nil }
            guard let value = Int(raw), value >= 0 else { throw CoreError.invalidField(field: name, messageKey: "bugs.invalid.number") }
            return value
        }
    }

    struct BugPage: Sendable {
        let bugs: [BugSummary]
        let modules: [Int: ProductModule]
        let page: Int
        let pageCount: Int
        let total: Int
        let at: Date
    }

    /// A product's modules, read without model decoding (every list computation asks).
    static func modules(of productID: Int, on sql: any SQLDatabase) async throws -> [ProductModule] {
        try await sql.raw("SELECT id, key, name_zh, name_en, team FROM product_modules WHERE product_id = \(bind: productID) ORDER BY id").all().map { row in
            let module = ProductModule(
                productID: productID, key: try row.decode(column: "key", as: String.self), nameZh: try row.decode(column: "name_zh", as: String.self),
                nameEn: try row.decode(column: "name_en", as: String.self), team: try row.decode(column: "team", as: String.self))
            module.id = try row.decode(column: "id", as: Int.self)
            return module
        }
    }

    /// A product's id by its slug; not found if there is none.
    static func productID(slug: String, on sql: any SQLDatabase) async throws -> Int {
        guard let row = try await sql.raw("SELECT id FROM products WHERE slug = \(bind: slug.lowercased())").first() else { throw CoreError.notFound }
        return try row.decode(column: "id", as: Int.self)
    }

    /// Open bugs (new, confirmed, in progress) per product.
    func openCounts() async throws -> [Int: Int] {
        try await sql.raw("""
            SELECT product_id, COUNT(*) AS open FROM bugs WHERE status IN (\(binds: BugStatus.allCases.filter(\.isOpen).map(\.rawValue))) GROUP BY product_id
            """).all().reduce(into: [:]) { $0[try $1.decode(column: "product_id", as: Int.self)] = try $1.decode(column: "open", as: Int.self) }
    }

    /// A page of a product's bugs: its total from the tallies (counted, up to a cap, when a
    /// minimum heat is asked for), its rows from the sort's index (`BugListQuery`).
    func list(_ product: Product, _ filter: Filter) async throws -> BugPage {
        try await list(productID: try product.requireID(), filter)
    }

    func list(productID: Int, _ filter: Filter) async throws -> BugPage {
        // Three small reads from indexes (modules, the tally sum, a page of ids and its rows):
        // answered on the event loop where one is at hand, with prepared statements kept.
        try await SmallRead.run { try await listNow(productID: productID, filter) }
    }

    private func listNow(productID: Int, _ filter: Filter) async throws -> BugPage {
        let modules = try await Self.modules(of: productID, on: sql)
        let statuses: [BugStatus] = filter.status.map { [$0] }
            ?? (filter.openOnly ? BugStatus.allCases.filter(\.isOpen) : BugStatus.allCases.filter { $0 != .duplicate })
        let now = clock.now()
        var module: Int?
        if let key = filter.moduleKey { module = modules.first { $0.key == key }?.id ?? -1 }
        let condition = BugListQuery.Where(
            product: productID, statuses: statuses, module: module, severity: filter.severity, release: filter.releaseID,
            minRank: filter.minHeat.map { BugHeat.rank(atLeast: $0, now: now) })
        let total = condition.minRank == nil
            ? try await BugTallies.total(product: productID, statuses: statuses, module: module, severity: filter.severity, release: filter.releaseID, on: sql)
            : try await BugListQuery.count(condition, cap: BugRules.countCap, on: sql)
        let pageCount = max(1, (total + BugRules.pageSize - 1) / BugRules.pageSize)
        let page = min(filter.page, pageCount)
        // Nothing matches: no need to walk an index to find out (an empty filter walked it whole).
        let bugs = total == 0
            ? [] : try await BugListQuery.page(condition, sort: filter.sort, offset: (page - 1) * BugRules.pageSize, limit: BugRules.pageSize, on: sql)
        return BugPage(
            bugs: bugs, modules: Dictionary(modules.map { ($0.id ?? 0, $0) }, uniquingKeysWith: { first, _ in first }), page: page,
            pageCount: pageCount, total: total, at: now)
    }
}
