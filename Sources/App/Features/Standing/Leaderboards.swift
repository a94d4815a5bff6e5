import Fluent
import SQLKit
import Vapor

/// Credits this week, this month, all time; longest check-in streaks, decoded into small
/// structs. Balances and period totals have no index in leaderboard order (keeping one cost
/// every award most of its page writes), so their boards scan the currency's or the period's
/// rows, picking the top few before looking up names: 7–50 ms per 100,000 members, paid once
/// per `StandingCaches.leaderboardLifetime` per node. Streaks change once a day and keep theirs.
enum Leaderboard: String, CaseIterable, Sendable {
    case week, month, all, streaks

    struct Entry: Sendable, Decodable {
        let user_id: Int
        let name: String
        let value: Int
    }

    func top(_ limit: Int, on db: any Database, now: Date, timeZone: TimeZone) async throws -> [Entry] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let limit = max(1, min(limit, 100))
        switch self {
        case .all:
            return try await sql.raw("""
                SELECT b.user_id AS user_id, u.name AS name, b.balance AS value
                FROM (SELECT user_id, balance FROM credit_balances WHERE currency = \(bind: CreditRule.defaultCurrency)
                      ORDER BY balance DESC, user_id ASC LIMIT \(unsafeRaw: String(limit))) b
                JOIN users u ON u.id = b.user_id
                ORDER BY b.balance DESC, b.user_id ASC
                """).all(decoding: Entry.self)
        case .streaks:
            return try await sql.raw("""
                SELECT s.user_id AS user_id, u.name AS name, s.longest AS value
                FROM member_streaks s JOIN users u ON u.id = s.user_id
                ORDER BY s.longest DESC, s.user_id ASC LIMIT \(unsafeRaw: String(limit))
                """).all(decoding: Entry.self)
        case .week, .month:
            let periods = CommunityCalendar(timeZone: timeZone).periods(of: now)
            return try await sql.raw("""
                SELECT t.user_id AS user_id, u.name AS name, t.total AS value
                FROM (SELECT user_id, total FROM credit_period_totals
                      WHERE currency = \(bind: CreditRule.defaultCurrency) AND period = \(bind: self == .week ? periods.week : periods.month)
                      ORDER BY total DESC, user_id ASC LIMIT \(unsafeRaw: String(limit))) t
                JOIN users u ON u.id = t.user_id
                ORDER BY t.total DESC, t.user_id ASC
                """).all(decoding: Entry.self)
        }
    }
}

/// The pyramid drawn as SVG: one band per tier, widest at the bottom, with its member count.
/// Bands have fixed widths (true proportions would make the top invisible); counts carry the size.
enum PyramidChart {
    static func svg(counts: [(label: String, count: String)]) -> String {
        let width = 360.0
        let bandHeight = 44.0
        let height = bandHeight * Double(counts.count)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" class=\"pyramid-chart\">"
        let colors = ["#ffd2b3", "#ffb27a", "#ff8a3d", "#ff6900", "#d85800"]
        // counts[0] is the lowest tier; it is drawn at the bottom.
        for (index, band) in counts.enumerated() {
            let fromTop = Double(counts.count - 1 - index)
            let y = fromTop * bandHeight
            let topInset = (fromTop) * width / Double(counts.count) / 2
            let bottomInset = max(0, (fromTop + 1) * width / Double(counts.count) / 2 - width / Double(counts.count) / 2)
            let points = [
                (topInset + 12, y), (width - topInset - 12, y),
                (width - bottomInset, y + bandHeight - 2), (bottomInset, y + bandHeight - 2),
            ].map { "\(Int($0.0)),\(Int($0.1))" }.joined(separator: " ")
            svg += "<polygon points=\"\(points)\" fill=\"\(colors[index % colors.count])\"/>"
            svg += "<text x=\"\(Int(width / 2))\" y=\"\(Int(y + bandHeight / 2 + 5))\" text-anchor=\"middle\" font-size=\"13\" fill=\"#1f2328\">"
                + Markdown.escape(band.label) + " · " + Markdown.escape(band.count) + "</text>"
        }
        return svg + "</svg>"
    }
}
