import Fluent
import SQLKit

extension Database {
    /// Fluent's schema builder has no plain indexes; SQLKit's works on both engines.
    func index(on table: String, _ columns: String..., unique: Bool = false) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        let name = "idx_\(table)_\(columns.joined(separator: "_"))"
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        if unique { builder = builder.unique() }
        try await builder.run()
    }
}

extension Database {
    /// An index in a leaderboard's order (`"balance" DESC, "user_id"`), so "top 10, ties by
    /// member id" reads ten index entries even when thousands share the top value.
    func rankingIndex(on table: String, _ columns: String...) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        let name = "rank_\(table)_" + columns.map { $0.split(separator: " ")[0] }.joined(separator: "_")
        let list = columns.map { column -> String in
            let parts = column.split(separator: " ")
            return "\"\(parts[0])\"" + (parts.count > 1 ? " " + parts[1] : "")
        }.joined(separator: ", ")
        try await sql.raw("CREATE INDEX \(unsafeRaw: "\"\(name)\"") ON \(unsafeRaw: "\"\(table)\"") (\(unsafeRaw: list))").run()
    }
}

/// True when the error is a unique or foreign-key violation, on either engine.
func isConstraintViolation(_ error: any Error) -> Bool {
    (error as? any DatabaseError)?.isConstraintFailure ?? false
}
