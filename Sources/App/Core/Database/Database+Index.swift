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

/// True when the error is a unique or foreign-key violation, on either engine.
func isConstraintViolation(_ error: any Error) -> Bool {
    (error as? any DatabaseError)?.isConstraintFailure ?? false
}
