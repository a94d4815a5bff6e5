import Vapor

struct PyramidTierDTO: Content {
    let tier: String
    let name: String
    let count: Int
    let quota: Int?
}

struct PyramidDTO: Content {
    let tiers: [PyramidTierDTO]
}

struct LeaderboardDTO: Content {
    struct Entry: Content {
        let rank: Int
        let user_id: Int
        let name: String
        let value: Int
    }

    let period: String
    let entries: [Entry]
}

struct PrivilegesDTO: Content {
    let vote_weight: Int
    let closed_beta: Bool
    let weekly_builds: Bool
    let f_code_quota: Int
    let event_priority: Int
    let moderator_eligible: Bool
    let bug_triage: Bool

    init(_ privileges: PyramidService.Privileges) {
        vote_weight = privileges.voteWeight
        closed_beta = privileges.closedBeta
        weekly_builds = privileges.weeklyBuilds
        f_code_quota = privileges.fCodeQuota
        event_priority = privileges.eventPriority
        moderator_eligible = privileges.moderatorEligible
        bug_triage = privileges.bugTriage
    }
}

struct NextTierDTO: Content {
    struct Condition: Content {
        let name: String
        let current: Int
        let required: Int
        let met: Bool
    }

    let tier: String
    let by: String
    let conditions: [Condition]
}

struct TierApplicationDTO: Content {
    let id: Int
    let user_id: Int
    let tier: String
    let statement: String
    let status: String
    let decision_note: String
    let created_at: Date
    let decided_at: Date?

    init(_ application: TierApplication) throws {
        id = try application.requireID()
        user_id = application.$user.id
        tier = application.tier.rawValue
        statement = application.statement
        status = application.status.rawValue
        decision_note = application.decisionNote
        created_at = application.createdAt
        decided_at = application.decidedAt
    }
}

struct ApplyRequest: Content {
    let statement: String
}

struct DecisionRequest: Content {
    let approve: Bool
    let note: String?
}
