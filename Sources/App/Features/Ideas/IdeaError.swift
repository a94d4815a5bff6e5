import Vapor

/// What the ideas area refuses, with a reason the member can act on.
enum IdeaError: AppError, Equatable {
    /// Shipped, declined or merged: it takes no votes.
    case ideaClosed
    /// `{0}`: the member's budget of open votes.
    case budgetSpent(Int)
    case sameStatus
    case noteRequired
    case mergeIntoSelf
    case mergeIntoDuplicate
    case mergeAcrossProducts
    case slugTaken

    var status: HTTPResponseStatus {
        switch self {
        case .ideaClosed, .budgetSpent, .sameStatus, .slugTaken, .mergeIntoDuplicate: .conflict
        case .noteRequired, .mergeIntoSelf, .mergeAcrossProducts: .unprocessableEntity
        }
    }

    var code: String {
        switch self {
        case .ideaClosed: "idea_closed"
        case .budgetSpent: "vote_budget_spent"
        case .sameStatus: "same_status"
        case .noteRequired: "note_required"
        case .mergeIntoSelf: "merge_into_self"
        case .mergeIntoDuplicate: "merge_into_duplicate"
        case .mergeAcrossProducts: "merge_across_products"
        case .slugTaken: "slug_taken"
        }
    }

    var messageKey: String { "ideas.error.\(code)" }

    var messageArguments: [String] {
        if case .budgetSpent(let budget) = self { return [String(budget)] }
        return []
    }
}
