import Vapor

enum StandingAdminShow {
    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Rule: Encodable {
        let label: String
        let action: String
        let amount: Int
        let cycles: [Choice]
        let intervalHours: Int
        let maxPerCycle: Int
        let enabled: Bool
    }

    struct LevelRow: Encodable {
        let action: String
        let minCredits: Int
        let fixedThreshold: Bool
        let nameZh: String
        let nameEn: String
        let stars: Int
    }

    struct TierRow: Encodable {
        let label: String
        let action: String
        let rule: TierRuleValues
    }

    struct TierRuleValues: Encodable {
        let minCredits, minDaysJoined, minDaysActive, minContributions, contributionWindowDays: Int
        let quota: String
        let voteWeight, fCodeQuota, eventPriority: Int
        let closedBeta, weeklyBuilds, moderatorEligible: Bool
        /// Empty for unlimited.
        let openVoteBudget: String
        let bugTriage: Bool
    }

    struct MedalRow: Encodable {
        let key: String
        let iconURL: String
        let action: String
        let nameZh, nameEn, descriptionZh, descriptionEn: String
        let conditions: [Choice]
        let threshold: Int
        let validDays: String
        let enabled: Bool
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let notice: String?
        var error: FormError?
        let rules: [Rule]
        let levels: [LevelRow]
        let tiers: [TierRow]
        let medals: [MedalRow]
    }

    static func context(on req: Request) async throws -> Context {
        let rules = try await CreditRule.query(on: req.db).sort(\.$id).all()
        let levels = try await Level.query(on: req.db).sort(\.$minCredits).all()
        let tiers = try await TierRule.query(on: req.db).all().sorted { $0.tier < $1.tier }
        let later = try await StandingAdminService(req).laterPrivileges()
        let medals = try await Medal.query(on: req.db).sort(\.$id).all()
        return Context(
            layout: req.layout(title: req.t("admin.standing.title")),
            csrf: try await req.csrfToken(),
            notice: req.query[String.self, at: "notice"] == "saved" ? req.t("admin.notice.saved") : nil,
            error: nil,
            rules: try rules.map { rule in
                Rule(
                    label: req.t("standing.rule.\(rule.action)"), action: SiteURL.adminStandingRule(.value(try rule.requireID())).path,
                    amount: rule.amount,
                    cycles: CreditRule.Cycle.allCases.map { Choice(value: $0.rawValue, label: req.t("admin.cycle.\($0.rawValue)"), selected: $0 == rule.cycle) },
                    intervalHours: rule.intervalHours, maxPerCycle: rule.maxPerCycle, enabled: rule.enabled)
            },
            levels: try levels.enumerated().map { index, level in
                LevelRow(
                    action: SiteURL.adminStandingLevel(.value(try level.requireID())).path, minCredits: level.minCredits,
                    fixedThreshold: index == 0, nameZh: level.nameZh, nameEn: level.nameEn, stars: level.stars)
            },
            tiers: try tiers.map { rule in
                TierRow(
                    label: req.t(rule.tier.labelKey), action: SiteURL.adminStandingTier(.value(try rule.requireID())).path,
                    rule: TierRuleValues(
                        minCredits: rule.minCredits, minDaysJoined: rule.minDaysJoined, minDaysActive: rule.minDaysActive,
                        minContributions: rule.minContributions, contributionWindowDays: rule.contributionWindowDays,
                        quota: rule.quota.map(String.init) ?? "", voteWeight: rule.voteWeight, fCodeQuota: rule.fCodeQuota,
                        eventPriority: rule.eventPriority, closedBeta: rule.closedBeta, weeklyBuilds: rule.weeklyBuilds,
                        moderatorEligible: rule.moderatorEligible, openVoteBudget: (later[rule.tier]?.openVoteBudget).map(String.init) ?? "",
                        bugTriage: later[rule.tier]?.bugTriage ?? false))
            },
            medals: try medals.map { medal in
                MedalRow(
                    key: medal.key, iconURL: medal.iconDataURL, action: SiteURL.adminStandingMedal(.value(try medal.requireID())).path,
                    nameZh: medal.nameZh, nameEn: medal.nameEn, descriptionZh: medal.descriptionZh, descriptionEn: medal.descriptionEn,
                    conditions: [MedalConditions.manual, MedalConditions.credits, MedalConditions.streak].map {
                        Choice(value: $0, label: req.t("admin.medal_condition.\($0)"), selected: $0 == medal.condition)
                    },
                    threshold: medal.threshold, validDays: medal.validDays.map(String.init) ?? "", enabled: medal.enabled)
            })
    }
}
