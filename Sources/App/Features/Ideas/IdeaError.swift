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
    case pollNotOpen
    case pollClosed
    case alreadyVotedInPoll
    /// `{0}`: the tiers that may vote, as the page names them.
    case tierMayNotVote(String)

    var status: HTTPResponseStatus {
        switch self {
        case .ideaClosed, .budgetSpent, .sameStatus, .slugTaken, .mergeIntoDuplicate, .pollNotOpen, .pollClosed, .alreadyVotedInPoll: .conflict
        case .tierMayNotVote: .forbidden
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
        case .pollNotOpen: "poll_not_open"
        case .pollClosed: "poll_closed"
        case .alreadyVotedInPoll: "already_voted_in_poll"
        case .tierMayNotVote: "tier_may_not_vote"
        }
    }

    var messageKey: String { "ideas.error.\(code)" }

    var messageArguments: [String] {
        switch self {
        case .budgetSpent(let budget): [String(budget)]
        case .tierMayNotVote(let tiers): [tiers]
        default: []
        }
    }
}
