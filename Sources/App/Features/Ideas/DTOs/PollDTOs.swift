import Foundation
import Vapor

struct PollOptionDTO: Content {
    let id: Int
    let position: Int
    let title: String
    let description: String
    let image_url: String
    /// Present once the viewer may see results.
    let votes: Int?
}

struct PollDTO: Content {
    let id: Int
    let product_id: Int
    let question: String
    let description: String
    let options: [PollOptionDTO]
    let opens_at: Date
    let closes_at: Date
    let tiers: [String]
    let results_after_close: Bool
    let half_finished: Bool
    let idea_id: Int?
    let open: Bool
    let votes: Int?
    let my_option_id: Int?
    let decision: String?
    let decided_option_id: Int?
    let url: String

    init(_ results: DesignPollService.Results, now: Date) {
        let poll = results.poll
        id = poll.id ?? 0
        product_id = poll.$product.id
        question = poll.question
        description = poll.description
        options = results.options.map {
            PollOptionDTO(
                id: $0.id ?? 0, position: $0.position, title: $0.title, description: $0.description, image_url: $0.imageURL,
                votes: results.showsResults ? $0.voteCount : nil)
        }
        opens_at = poll.opensAt
        closes_at = poll.closesAt
        tiers = poll.allowedTiers.map(\.rawValue)
        results_after_close = poll.resultsAfterClose
        half_finished = poll.halfFinished
        idea_id = poll.ideaID
        open = poll.isOpen(at: now)
        votes = results.showsResults ? poll.voteCount : nil
        my_option_id = results.choice
        decision = poll.decision
        decided_option_id = poll.decidedOptionID
        url = SiteURL.poll(.value(poll.id ?? 0)).path
    }
}
