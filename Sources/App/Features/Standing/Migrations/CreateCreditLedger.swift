import Fluent

/// The ledger and the balances kept beside it.
struct CreateCreditLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CreditEntry.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("currency", .string, .required)
            .field("amount", .int, .required)
            .field("rule", .string, .required)
            .field("reason", .string, .required)
            .field("source", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("cap_key", .string)
            .field("actor_id", .int, .references(User.schema, "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "idempotency_key")
            .unique(on: "cap_key")
            .create()
        try await database.index(on: CreditEntry.schema, "user_id", "created_at")
        try await database.index(on: CreditEntry.schema, "created_at")

        try await database.schema(CreditBalance.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("currency", .string, .required)
            .field("balance", .int, .required)
            .unique(on: "user_id", "currency")
            .create()
        try await database.rankingIndex(on: CreditBalance.schema, "currency", "balance DESC", "user_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CreditBalance.schema).delete()
        try await database.schema(CreditEntry.schema).delete()
    }
}
