import Foundation
import SQLKit
import Vapor

/// How many posts hold each query part, for `canyu_rank`'s weights (a rare part weighs more than
/// a common one). Counting is the expensive half of bm25 (the whole posting list of the part), so
/// each node counts a part once every ten minutes instead of once per search: a forum's word
/// frequencies drift slowly, and a count a few minutes old moves a weight by a fraction of a
/// percent. Results are never cached here, only these counts.
struct SearchDocumentFrequencies: Sendable {
    static let lifetime: TimeInterval = 600

    let cache: RefreshingCache<String, Int>

    /// One count per FTS5 phrase, in order.
    func counts(of phrases: [String], on sql: any SQLDatabase, now: Date) async throws -> [Int] {
        var counts: [Int] = []
        for phrase in phrases {
            counts.append(
                try await cache.value(for: phrase, now: now) {
                    try await sql.raw("SELECT COUNT(*) AS n FROM search_fts WHERE search_fts MATCH \(bind: phrase)")
                        .first()?.decode(column: "n", as: Int.self) ?? 0
                })
        }
        return counts
    }
}

extension Application {
    private struct SearchDocumentFrequenciesKey: StorageKey { typealias Value = SearchDocumentFrequencies }

    var searchDocumentFrequencies: SearchDocumentFrequencies {
        stored(SearchDocumentFrequenciesKey.self) { .init(cache: .init(lifetime: SearchDocumentFrequencies.lifetime, maxEntries: 10_000)) }
    }
}
