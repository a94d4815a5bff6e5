/// The fan pyramid (用户分层), lowest to highest (DOMAIN.md §4).
enum Tier: String, CaseIterable, Codable, Comparable, Sendable {
    case user
    case fan
    case coreFan = "core_fan"
    case honoraryDeveloper = "honorary_developer"
    case coreTeam = "core_team"

    var rank: Int { Tier.allCases.firstIndex(of: self) ?? 0 }

    static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rank < rhs.rank }

    var next: Tier? {
        let all = Tier.allCases
        return rank + 1 < all.count ? all[rank + 1] : nil
    }

    /// How one gets there: by the automatic review, by application, or by invitation.
    enum Entry { case automatic, application, invitation }

    var entry: Entry {
        switch self {
        case .user, .fan, .coreFan: .automatic
        case .honoraryDeveloper: .application
        case .coreTeam: .invitation
        }
    }

    var labelKey: String { "tier.\(rawValue)" }
}
