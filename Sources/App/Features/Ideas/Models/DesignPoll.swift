import Fluent
import Foundation

/// The team asks fans to choose between designs (Muji style): a question, 2 to 6 options,
/// open and close times, the tiers that may vote, and, once closed, the decision.
final class DesignPoll: Model, @unchecked Sendable {
    static let schema = "design_polls"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "product_id") var product: Product
    @Field(key: "question") var question: String
    @Field(key: "description") var description: String
    @Field(key: "opens_at") var opensAt: Date
    @Field(key: "closes_at") var closesAt: Date
    /// Tier raw values, comma-separated; empty means every tier.
    @Field(key: "tiers") var tiers: String
    /// Results show only once the poll has closed, even to those who voted.
    @Field(key: "results_after_close") var resultsAfterClose: Bool
    /// Asks about a half-finished feature (半成品) shipped in beta for feedback.
    @Field(key: "half_finished") var halfFinished: Bool
    /// The idea (the feature) this poll is about, if any; its page lists the poll.
    @OptionalField(key: "idea_id") var ideaID: Int?
    @Field(key: "vote_count") var voteCount: Int
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "decided_option_id") var decidedOptionID: Int?
    @Parent(key: "created_by") var creator: User
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var allowedTiers: [Tier] { tiers.split(separator: ",").compactMap { Tier(rawValue: String($0)) } }

    func isOpen(at now: Date) -> Bool { closedAt == nil && now >= opensAt && now < closesAt }
    func isClosed(at now: Date) -> Bool { closedAt != nil || now >= closesAt }
}

final class DesignPollOption: Model, @unchecked Sendable {
    static let schema = "design_poll_options"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "poll_id") var poll: DesignPoll
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    /// An uploaded image (`/uploads/...`), or empty.
    @Field(key: "image_url") var imageURL: String
    @Field(key: "vote_count") var voteCount: Int

    init() {}

    init(pollID: Int, position: Int, title: String, description: String, imageURL: String) {
        self.$poll.id = pollID
        self.position = position
        self.title = title
        self.description = description
        self.imageURL = imageURL
        self.voteCount = 0
    }
}
