import Fluent

/// Levels with Discuz!'s default thresholds and names.
struct CreateLevel: AsyncMigration {
    static let defaults: [(Int, String, String)] = [
        (Level.restrictedThreshold, "限制会员", "Restricted"),
        (0, "新手上路", "Newcomer"),
        (50, "注册会员", "Member"),
        (200, "中级会员", "Intermediate member"),
        (500, "高级会员", "Senior member"),
        (1000, "金牌会员", "Gold member"),
        (3000, "论坛元老", "Forum veteran"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(Level.schema)
            .field("id", .int, .identifier(auto: true))
            .field("min_credits", .int, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("stars", .int, .required)
            .unique(on: "min_credits")
            .create()
        for (index, level) in Self.defaults.enumerated() {
            try await Level(minCredits: level.0, nameZh: level.1, nameEn: level.2, stars: index).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Level.schema).delete()
    }
}

extension Level {
    /// "Below zero": the restricted level starts at any negative balance.
    static let restrictedThreshold = -1_000_000_000
}
