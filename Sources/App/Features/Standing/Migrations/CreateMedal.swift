import Fluent

/// Medals with Discuz!'s defaults and the check-in streak medals at 7, 30 and 100 days.
struct CreateMedal: AsyncMigration {
    static var defaults: [Medal] {
        [
            Medal(key: "streak_7", nameZh: "连签 7 天", nameEn: "7-day streak", descriptionZh: "连续签到 7 天。", descriptionEn: "Checked in 7 days in a row.",
                  iconSVG: MedalIcon.svg(glyph: "7", color: "#2e90fa"), condition: MedalConditions.streak, threshold: 7),
            Medal(key: "streak_30", nameZh: "连签 30 天", nameEn: "30-day streak", descriptionZh: "连续签到 30 天。", descriptionEn: "Checked in 30 days in a row.",
                  iconSVG: MedalIcon.svg(glyph: "30", color: "#9e77ed"), condition: MedalConditions.streak, threshold: 30),
            Medal(key: "streak_100", nameZh: "连签 100 天", nameEn: "100-day streak", descriptionZh: "连续签到 100 天。", descriptionEn: "Checked in 100 days in a row.",
                  iconSVG: MedalIcon.svg(glyph: "100", color: "#f04438"), condition: MedalConditions.streak, threshold: 100),
            Medal(key: "forum_veteran", nameZh: "论坛元老", nameEn: "Forum veteran", descriptionZh: "积分达到 3000。", descriptionEn: "Reached 3,000 credits.",
                  iconSVG: MedalIcon.svg(glyph: "元", color: "#d85800"), condition: MedalConditions.credits, threshold: 3000),
            Medal(key: "best_newcomer", nameZh: "最佳新人", nameEn: "Best newcomer", descriptionZh: "由官方颁发给表现突出的新成员。", descriptionEn: "Given by staff to an outstanding new member.",
                  iconSVG: MedalIcon.svg(glyph: "新", color: "#12b76a"), condition: MedalConditions.manual),
            Medal(key: "active_member", nameZh: "活跃会员", nameEn: "Active member", descriptionZh: "由官方颁发给长期活跃的成员。", descriptionEn: "Given by staff to a long-time active member.",
                  iconSVG: MedalIcon.svg(glyph: "活", color: "#0e9384"), condition: MedalConditions.manual),
            Medal(key: "helpful_member", nameZh: "热心会员", nameEn: "Helpful member", descriptionZh: "由官方颁发给乐于助人的成员。", descriptionEn: "Given by staff to members who help others.",
                  iconSVG: MedalIcon.svg(glyph: "热", color: "#ff6900"), condition: MedalConditions.manual),
            Medal(key: "promoter", nameZh: "推广达人", nameEn: "Promoter", descriptionZh: "由官方颁发给带来新米粉的成员。", descriptionEn: "Given by staff to members who bring new fans.",
                  iconSVG: MedalIcon.svg(glyph: "推", color: "#dc6803"), condition: MedalConditions.manual),
            Medal(key: "great_moderator", nameZh: "优秀版主", nameEn: "Great moderator", descriptionZh: "由官方颁发给优秀的版主。", descriptionEn: "Given by staff to outstanding moderators.",
                  iconSVG: MedalIcon.svg(glyph: "版", color: "#475467"), condition: MedalConditions.manual, validDays: 365),
        ]
    }

    func prepare(on database: any Database) async throws {
        try await database.schema(Medal.schema)
            .field("id", .int, .identifier(auto: true))
            .field("key", .string, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("description_zh", .string, .required)
            .field("description_en", .string, .required)
            .field("icon_svg", .string, .required)
            .field("condition", .string, .required)
            .field("threshold", .int, .required)
            .field("valid_days", .int)
            .field("enabled", .bool, .required)
            .unique(on: "key")
            .create()
        for medal in Self.defaults { try await medal.create(on: database) }

        try await database.schema(MemberMedal.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("medal_id", .int, .required, .references(Medal.schema, "id", onDelete: .cascade))
            .field("awarded_at", .datetime, .required)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "user_id", "medal_id")
            .create()

        try await database.schema(MedalEvent.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("medal_id", .int, .required, .references(Medal.schema, "id", onDelete: .cascade))
            .field("action", .string, .required)
            .field("reason", .string, .required)
            .field("actor_id", .int, .references(User.schema, "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: MedalEvent.schema, "user_id", "created_at")
    }

    func revert(on database: any Database) async throws {
        for schema in [MedalEvent.schema, MemberMedal.schema, Medal.schema] { try await database.schema(schema).delete() }
    }
}

/// A round badge with a glyph: the default medal icons, drawn here rather than shipped as files.
enum MedalIcon {
    static func svg(glyph: String, color: String) -> String {
        let size = glyph.count > 2 ? 20 : 26
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\"><circle cx=\"32\" cy=\"32\" r=\"30\" fill=\"\(color)\"/>"
            + "<circle cx=\"32\" cy=\"32\" r=\"24\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\" opacity=\"0.6\"/>"
            + "<text x=\"32\" y=\"\(32 + size / 3)\" text-anchor=\"middle\" font-size=\"\(size)\" font-weight=\"700\" fill=\"#fff\" font-family=\"sans-serif\">\(glyph)</text></svg>"
    }
}
