import Foundation
import Vapor

enum PyramidError: AppError, Equatable {
    case notEligible
    case alreadyInTier
    case applicationPending
    case applicationCooldown(until: Date)
    case alreadyDecided
    case tierFull
    case notInTier
    case notStaff

    var status: HTTPResponseStatus {
        switch self {
        case .notEligible: .unprocessableEntity
        default: .conflict
        }
    }

    var code: String {
        switch self {
        case .notEligible: "not_eligible"
        case .alreadyInTier: "already_in_tier"
        case .applicationPending: "application_pending"
        case .applicationCooldown: "application_cooldown"
        case .alreadyDecided: "already_decided"
        case .tierFull: "tier_full"
        case .notInTier: "not_in_tier"
        case .notStaff: "not_staff"
        }
    }

    var messageKey: String { "pyramid.error.\(code)" }

    var messageArguments: [String] {
        if case .applicationCooldown(let until) = self { return [until.formatted(.iso8601.year().month().day())] }
        return []
    }
}

/// Who may do what in the pyramid.
enum PyramidPolicy {
    static func canReviewApplications(_ user: User) -> Bool {
        user.role == .staff || user.role == .admin
    }

    /// Only staff accounts can be in the core team.
    static func mayJoinCoreTeam(_ user: User) -> Bool {
        user.role == .staff || user.role == .admin
    }

    static func canSeeStaffQueue(_ user: User?) -> Bool {
        guard let user else { return false }
        return canReviewApplications(user)
    }
}
