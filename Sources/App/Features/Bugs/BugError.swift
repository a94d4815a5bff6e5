import Vapor

/// Why a bug action was refused; each says so in the member's language (`bugs.error.*`).
enum BugError: AppError, Equatable {
    case closed
    case sameStatus
    /// Someone else changed the bug between reading and writing it: try again.
    case changedMeanwhile
    case notAllowedMove(from: BugStatus, to: BugStatus)
    case noteRequired
    case buildRequired
    case buildOfOtherProduct
    case ownBug
    case alreadyMeToo
    case notFixed
    case buildBeforeFix
    case notAffected
    case alreadyVerified
    case duplicateOfSelf
    case duplicateOfDuplicate
    case duplicateAcrossProducts
    case attachmentType
    case attachmentTooLarge
    case tooManyScreenshots

    var status: HTTPResponseStatus {
        switch self {
        case .closed, .sameStatus, .changedMeanwhile, .notAllowedMove, .alreadyMeToo, .notFixed, .alreadyVerified, .ownBug: .conflict
        case .notAffected: .forbidden
        case .attachmentTooLarge: .payloadTooLarge
        case .attachmentType: .unsupportedMediaType
        default: .unprocessableEntity
        }
    }

    var code: String {
        switch self {
        case .closed: "bug_closed"
        case .sameStatus: "same_status"
        case .changedMeanwhile: "changed_meanwhile"
        case .notAllowedMove: "move_not_allowed"
        case .noteRequired: "note_required"
        case .buildRequired: "build_required"
        case .buildOfOtherProduct: "build_of_other_product"
        case .ownBug: "own_bug"
        case .alreadyMeToo: "already_me_too"
        case .notFixed: "not_fixed"
        case .buildBeforeFix: "build_before_fix"
        case .notAffected: "not_affected"
        case .alreadyVerified: "already_verified"
        case .duplicateOfSelf: "duplicate_of_self"
        case .duplicateOfDuplicate: "duplicate_of_duplicate"
        case .duplicateAcrossProducts: "duplicate_across_products"
        case .attachmentType: "attachment_type"
        case .attachmentTooLarge: "attachment_too_large"
        case .tooManyScreenshots: "too_many_screenshots"
        }
    }

    var messageKey: String { "bugs.error.\(code)" }

    var messageArguments: [String] {
        switch self {
        case .notAllowedMove(let from, let to): [from.rawValue, to.rawValue]
        case .tooManyScreenshots: [String(BugRules.screenshotsMax)]
        default: []
        }
    }
}
