import Foundation

/// How ideas surface. The hot sort is Reddit's: the log of the weighted score plus the age in
/// units of 12.5 hours, so a new idea needs ten times the votes of one 12.5 hours older to rank
/// alongside it. It only grows with time, so it is computed once per vote and indexed, never
/// recomputed for the whole list.
enum IdeaRanking {
    static let secondsPerTenfold: Double = 45_000

    static func hot(score: Int, createdAt: Date) -> Double {
        let order = log10(Double(max(abs(score), 1)))
        let sign: Double = score > 0 ? 1 : (score < 0 ? -1 : 0)
        // Rounded so that SQLite and PostgreSQL store and compare the same value.
        return ((sign * order + createdAt.timeIntervalSince1970 / secondsPerTenfold) * 1e7).rounded() / 1e7
    }

    enum Sort: String, CaseIterable, Sendable {
        case hot, top, new, changed
    }
}
