import Vapor

/// The tier part of "my standing": where the member is, why, what the next tier asks, what each
/// tier grants, and the weekly duty for core fans.
enum TierCard {
    struct Condition: Encodable {
        let label: String
        let current: Int
        let required: Int
        let percent: Int
        let met: Bool
    }

    struct PrivilegeRow: Encodable {
        let tier: String
        let current: Bool
        let voteWeight: Int
        let closedBeta: Bool
        let weeklyBuilds: Bool
        let fCodeQuota: Int
        let eventPriority: Int
        let moderatorEligible: Bool
    }

    struct Context: Encodable {
        let tier: String
        let reason: String?
        let reasonNote: String?
        let since: String?
        let nextTier: String?
        let nextByInvitation: Bool
        let conditions: [Condition]
        let queueText: String?
        let canApply: Bool
        let applicationStatus: String?
        let applicationNote: String?
        let applyAction: String
        let dutyText: String?
        let dutyWarning: Bool
        let canQuit: Bool
        let quitAction: String
        let privileges: [PrivilegeRow]
    }

    static func context(on req: Request, userID: Int) async throws -> Context {
        let pyramid = PyramidService(req)
        let tier = try await pyramid.tier(of: userID)
        let rules = try await pyramid.rules()
        let latest = try await pyramid.history(of: userID).first
        let next = tier.next
        var conditions: [Condition] = []
        if let next, next.entry != .invitation, let rule = rules[next] {
            conditions = try await pyramid.conditions(of: userID, toward: rule).map {
                Condition(label: req.t("tier.condition.\($0.key)"), current: $0.current, required: $0.required, percent: $0.percent, met: $0.met)
            }
        }
        let application = try await pyramid.latestApplication(of: userID)
        // The same bar the service checks when an application arrives.
        var mayApply = false
        if tier < .honoraryDeveloper, application?.status != .pending, let rule = rules[.honoraryDeveloper] {
            mayApply = try await pyramid.conditions(of: userID, toward: rule).allSatisfy(\.met)
        }
        let queue = try await pyramid.queuePosition(of: userID)
        let duty = try await pyramid.dutyStatus(of: userID)
        let locale = req.locale
        let zone = req.viewerTimeZone
        return Context(
            tier: req.t(tier.labelKey),
            reason: latest.map { req.t("tier.reason.\($0.reason)") },
            reasonNote: latest.flatMap { $0.note.isEmpty ? nil : $0.note },
            since: latest.map { DateDisplay.day($0.createdAt, locale, zone) },
            nextTier: next.map { req.t($0.labelKey) },
            nextByInvitation: next?.entry == .invitation,
            conditions: conditions,
            queueText: queue.map { req.t("tier.queue_position", req.t($0.tier.labelKey), String($0.position)) },
            canApply: mayApply,
            applicationStatus: application.map { req.t("tier.application.\($0.status.rawValue)") },
            applicationNote: application.flatMap { $0.decisionNote.isEmpty ? nil : $0.decisionNote },
            applyAction: SiteURL.standingApply.path,
            dutyText: duty.map {
                $0.exempt ? req.t("tier.duty.exempt")
                    : req.t("tier.duty.progress", String($0.done), String($0.required), DateDisplay.dateTime($0.weekEnds, locale, zone))
            },
            dutyWarning: (duty?.missedWeeks ?? 0) > 0,
            canQuit: tier == .coreFan,
            quitAction: SiteURL.standingQuit.path,
            privileges: Tier.allCases.compactMap { row in
                rules[row].map {
                    PrivilegeRow(
                        tier: req.t(row.labelKey), current: row == tier, voteWeight: $0.voteWeight, closedBeta: $0.closedBeta,
                        weeklyBuilds: $0.weeklyBuilds, fCodeQuota: $0.fCodeQuota, eventPriority: $0.eventPriority,
                        moderatorEligible: $0.moderatorEligible)
                }
            })
    }
}
