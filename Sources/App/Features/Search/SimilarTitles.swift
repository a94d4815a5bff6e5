import Fluent
import FluentSQL
import SQLKit

/// "Is this already here?" while a member types a title (ideas, bugs): the candidates whose
/// titles share the most search terms with it (the forum search's terms: words, and two-character
/// runs of Chinese), most-shared first, then by the given order.
enum SimilarTitles {
    static func find<M: Model, Order: QueryableProperty>(
        _ query: QueryBuilder<M>, like title: String, title titleOf: KeyPath<M, String>, order: KeyPath<M, Order>, limit: Int
    ) async throws -> [M] where Order.Model == M, Order.Value: Comparable {
        let terms = Array(Set(SearchTerms.terms(of: title)).filter { $0.count >= 2 }.prefix(12))
        guard !terms.isEmpty else { return [] }
        query.group(.or) { group in
            // Terms come lowercased; LOWER makes PostgreSQL's LIKE as case-blind as SQLite's.
            for term in terms {
                group.filter(.sql(SQLBinaryExpression(SQLFunction("LOWER", args: SQLColumn("title")), .like, SQLBind("%\(term)%"))))
            }
        }
        let candidates = try await query.sort(order, .descending).limit(200).all()
        let wanted = Set(terms)
        let ranked: [(model: M, position: Int, shared: Int)] = candidates.enumerated().map { position, model in
            (model, position, Set(SearchTerms.terms(of: model[keyPath: titleOf])).intersection(wanted).count)
        }
        // Candidates came in the given order, so their position breaks ties.
        return ranked.filter { $0.shared > 0 }
            .sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.position < $1.position }
            .prefix(limit).map(\.model)
    }
}
