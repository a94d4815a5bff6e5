import Fluent
import Foundation

/// A medal (勋章): granted automatically when its condition holds, or by staff by hand.
final class Medal: Model, @unchecked Sendable {
    static let schema = "medals"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    /// A stable slug, e.g. `streak_7`.
    @Field(key: "key") var key: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "description_zh") var descriptionZh: String
    @Field(key: "description_en") var descriptionEn: String
    /// An SVG document, shown through `<img>` so it can never run script.
    @Field(key: "icon_svg") var iconSVG: String
    /// `manual`, or a condition registered in `MedalConditions` (`credits`, `streak`, ...).
    @Field(key: "condition") var condition: String
    @Field(key: "threshold") var threshold: Int
    /// Days a grant lasts; nil for ever.
    @OptionalField(key: "valid_days") var validDays: Int?
    @Field(key: "enabled") var enabled: Bool

    init() {}

    init(key: String, nameZh: String, nameEn: String, descriptionZh: String, descriptionEn: String, iconSVG: String, condition: String, threshold: Int = 0, validDays: Int? = nil) {
        self.key = key
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.descriptionZh = descriptionZh
        self.descriptionEn = descriptionEn
        self.iconSVG = iconSVG
        self.condition = condition
        self.threshold = threshold
        self.validDays = validDays
        self.enabled = true
    }

    func name(_ locale: SupportedLocale) -> String { locale == .en ? nameEn : nameZh }
    func description(_ locale: SupportedLocale) -> String { locale == .en ? descriptionEn : descriptionZh }

    var iconDataURL: String { "data:image/svg+xml;base64," + Data(iconSVG.utf8).base64EncodedString() }
}

/// A member's medal: one row per member and medal, holding whether it is held now.
final class MemberMedal: Model, @unchecked Sendable {
    static let schema = "member_medals"

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    @Parent(key: "medal_id") var medal: Medal
    @Field(key: "awarded_at") var awardedAt: Date
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    func isHeld(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }
}

/// Every grant and revocation, with who and why.
final class MedalEvent: Model, @unchecked Sendable {
    static let schema = "medal_events"

    enum Action: String, Codable, Sendable { case granted, revoked }

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Parent(key: "user_id") var user: User
    @Parent(key: "medal_id") var medal: Medal
    @Field(key: "action") var action: Action
    @Field(key: "reason") var reason: String
    @OptionalParent(key: "actor_id") var actor: User?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: Int, medalID: Int, action: Action, reason: String, actorID: Int?, at: Date) {
        self.$user.id = userID
        self.$medal.id = medalID
        self.action = action
        self.reason = reason
        self.$actor.id = actorID
        self.createdAt = at
    }
}
