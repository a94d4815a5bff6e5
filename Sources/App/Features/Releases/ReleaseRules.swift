import Foundation

/// The releases area's numbers and the rules it registers with standing (DOMAIN.md §1).
enum ReleaseRules {
    static let versionLength = 1...40
    static let notesMax = 20_000
    static let changeTitleLength = 2...120
    static let changeDescriptionMax = 2_000
    static let teamLength = 1...60
    static let anticipatedTextMax = 200
    static let changesPerReleaseMax = 100
    /// Days a four-grid report stays open (configurable per product calendar).
    static let reportDays = 4
    static let reportDaysRange = 1...14
    /// The staged stable rollout: percent of devices at each step, over `rolloutDays`.
    static let rolloutPlan = [1, 2, 5, 10, 20, 50, 100]
    static let rolloutDays = 7
    /// Time between two steps of the plan.
    static var rolloutStepInterval: TimeInterval { Double(rolloutDays) * 86_400 / Double(rolloutPlan.count - 1) }
    /// Builds in the rating trend.
    static let trendBuilds = 12
    /// A lease on a phase run older than this is taken over (the node that held it died).
    static let phaseLease: TimeInterval = 600

    static var creditRules: [CreditRule] {
        [CreditRule(action: CreditAction.fourGridReport, amount: 2, cycle: .unlimited)]
    }

    static var popcornMedal: Medal {
        Medal(
            key: "popcorn_award", nameZh: "爆米花奖", nameEn: "Popcorn Award", descriptionZh: "所在团队的更新在四格体验报告中最受欢迎。",
            descriptionEn: "On the team whose change fans liked most in a four-grid report.", iconSVG: MedalIcon.svg(glyph: "爆", color: "#f5a623"),
            condition: MedalConditions.manual)
    }

    /// The plan's step for a percentage set by hand: the last step at or below it.
    static func rolloutStep(for percent: Int) -> Int {
        rolloutPlan.lastIndex { $0 <= percent } ?? 0
    }
}
