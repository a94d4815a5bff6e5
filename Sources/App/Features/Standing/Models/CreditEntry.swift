import Fluent
import Foundation

/// One line of the append-only credits ledger (积分). Never updated or deleted: a correction is
/// another entry.
final class CreditEntry: Model, @unchecked Sendable {
    static let schema = "credit_entries"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    @Field(key: "currency") var currency: String
    @Field(key: "amount") var amount: Int
    /// The rule that paid it (`new_thread`, `daily_check_in`), or `manual` for staff adjustments.
    @Field(key: "rule") var rule: String
    @Field(key: "reason") var reason: String
    /// What caused it, e.g. `post:123` or `check_in:2026-11-24`.
    @Field(key: "source") var source: String
    /// Rule + source + user: the same cause never pays twice, however often it is retried.
    @Field(key: "idempotency_key") var idempotencyKey: String
    /// Rule + user + cycle + slot, for capped rules: the unique index keeps caps exact under
    /// concurrency. Nil for unlimited rules.
    @OptionalField(key: "cap_key") var capKey: String?
    /// Who acted: nil for the system, else the staff member.
    @OptionalParent(key: "actor_id") var actor: User?

    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: Int, currency: String, amount: Int, rule: String, reason: String, source: String,
         idempotencyKey: String, capKey: String?, actorID: Int?, createdAt: Date) {
        self.$user.id = userID
        self.currency = currency
        self.amount = amount
        self.rule = rule
        self.reason = reason
        self.source = source
        self.idempotencyKey = idempotencyKey
        self.capKey = capKey
        self.$actor.id = actorID
        self.createdAt = createdAt
    }
}
