import Vapor

struct CheckInDTO: Content {
    let streak: Int
    let longest_streak: Int
    let credits_awarded: Int
    let balance: Int
}

struct LevelDTO: Content {
    let name: String
    let stars: Int
    let min_credits: Int
}

struct StandingDTO: Content {
    struct NextLevel: Content {
        let name: String
        let min_credits: Int
        let credits_needed: Int
    }

    let user_id: Int
    let credits: Int
    let level: LevelDTO
    let next_level: NextLevel?
    let streak: Int
    let longest_streak: Int
    let checked_in_today: Bool
    let tier: String
    let privileges: PrivilegesDTO
    let next_tier: NextTierDTO?
    let medals: [HeldMedalDTO]
}

struct HeldMedalDTO: Content {
    let key: String
    let name: String
    let awarded_at: Date
    let expires_at: Date?
}

struct LedgerEntryDTO: Content {
    let id: Int
    let amount: Int
    let currency: String
    let rule: String
    let reason: String
    let source: String
    let created_at: Date
}

struct LedgerPageDTO: Content {
    let items: [LedgerEntryDTO]
    let page: Int
    let per_page: Int
    let total: Int
}
