import Fluent
import Foundation

/// A daily check-in (签到): one row per member per calendar day in the community's time zone.
final class CheckIn: Model, @unchecked Sendable {
    static let schema = "check_ins"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    /// `yyyy-MM-dd` in the community's time zone.
    @Field(key: "day") var day: String
    @Field(key: "streak") var streak: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: Int, day: String, streak: Int, createdAt: Date) {
        self.$user.id = userID
        self.day = day
        self.streak = streak
        self.createdAt = createdAt
    }
}
