import Foundation

/// The ideas area's numbers and the rules it registers with standing (DOMAIN.md §2).
enum IdeaRules {
    static let titleLength = 4...120
    static let bodyMax = 10_000
    static let noteMax = 1_000
    static let pageSize = 20
    static let similarLimit = 5

    /// Open votes a member may hold at once, by tier: user, fan, core fan, honorary developer;
    /// the core team has no limit. Admins edit them with the other tier privileges.
    static let defaultVoteBudgets: [(Tier, Int?)] = [(.user, 10), (.fan, 20), (.coreFan, 40), (.honoraryDeveloper, 80), (.coreTeam, nil)]

    static var creditRules: [CreditRule] {
        [
            CreditRule(action: CreditAction.ideaAccepted, amount: 10, cycle: .unlimited),
            CreditRule(action: CreditAction.ideaShipped, amount: 30, cycle: .unlimited),
        ]
    }

    static var shippedMedal: Medal {
        Medal(
            key: "idea_shipped", nameZh: "想法被采纳", nameEn: "Idea shipped", descriptionZh: "提出的想法已在正式版中发布。",
            descriptionEn: "Proposed an idea that shipped in a release.", iconSVG: MedalIcon.svg(glyph: "想", color: "#ff6900"),
            condition: MedalConditions.ideasShipped, threshold: 1)
    }
}
