import Fluent
import Foundation

/// An award rule: action × cycle × maximum rewards per cycle × amount (Discuz!'s 积分策略).
/// Later areas register their own actions the same way (idea accepted, bug confirmed, ...).
final class CreditRule: Model, @unchecked Sendable {
    static let schema = "credit_rules"

    enum Cycle: String, Codable, CaseIterable, Sendable {
        case once, daily, interval, unlimited
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Field(key: "action") var action: String
    @Field(key: "currency") var currency: String
    @Field(key: "amount") var amount: Int
    @Field(key: "cycle") var cycle: Cycle
    /// For `interval`: the cycle's length in hours.
    @Field(key: "interval_hours") var intervalHours: Int
    /// Rewards allowed per cycle (ignored for `unlimited`).
    @Field(key: "max_per_cycle") var maxPerCycle: Int
    @Field(key: "enabled") var enabled: Bool

    init() {}

    init(action: String, amount: Int, cycle: Cycle, maxPerCycle: Int = 1, intervalHours: Int = 0, currency: String = CreditRule.defaultCurrency) {
        self.action = action
        self.currency = currency
        self.amount = amount
        self.cycle = cycle
        self.intervalHours = intervalHours
        self.maxPerCycle = maxPerCycle
        self.enabled = true
    }

    static let defaultCurrency = "credits"
}
