import Fluent
import Foundation

/// The running total of one currency for one member, kept in step with the ledger inside the
/// same transaction and changed only by `balance = balance + amount` in SQL.
final class CreditBalance: Model, @unchecked Sendable {
    static let schema = "credit_balances"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    @Field(key: "currency") var currency: String
    @Field(key: "balance") var balance: Int

    init() {}
}
