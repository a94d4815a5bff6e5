import Vapor

/// What the releases area refuses, with a reason the member can act on.
enum ReleaseError: AppError, Equatable {
    case versionTaken
    /// Promotion goes outward only, to a ring it has not reached.
    case notForward
    /// Skipping a ring needs staff rights.
    case ringSkipped
    case noChanges
    case notStable
    case notInRing
    case reportNotOpen
    case changeOfAnotherRelease
    case sameChanges
    case ideaOfAnotherProduct
    case phaseAlreadyRan
    case tierMayNotJoinWeekly
    case released

    var status: HTTPResponseStatus {
        switch self {
        case .versionTaken, .notForward, .notStable, .reportNotOpen, .phaseAlreadyRan, .released: .conflict
        case .ringSkipped, .notInRing, .tierMayNotJoinWeekly: .forbidden
        case .noChanges, .changeOfAnotherRelease, .sameChanges, .ideaOfAnotherProduct: .unprocessableEntity
        }
    }

    var code: String {
        switch self {
        case .versionTaken: "version_taken"
        case .notForward: "not_forward"
        case .ringSkipped: "ring_skipped"
        case .noChanges: "no_changes"
        case .notStable: "not_stable"
        case .notInRing: "not_in_ring"
        case .reportNotOpen: "report_not_open"
        case .changeOfAnotherRelease: "change_of_another_release"
        case .sameChanges: "same_changes"
        case .ideaOfAnotherProduct: "idea_of_another_product"
        case .phaseAlreadyRan: "phase_already_ran"
        case .tierMayNotJoinWeekly: "tier_may_not_join_weekly"
        case .released: "released"
        }
    }

    var messageKey: String { "releases.error.\(code)" }
}
