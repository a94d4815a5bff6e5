import Fluent
import Foundation

/// A need a member proposed for a product (需求). Its counts move only in SQL, with its votes.
final class Idea: Model, @unchecked Sendable {
    static let schema = "ideas"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "product_id") var product: Product
    @OptionalParent(key: "module_id") var module: ProductModule?
    @Parent(key: "author_id") var author: User
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "body_html") var bodyHTML: String
    @Field(key: "status") var status: IdeaStatus
    /// For `duplicate`: the idea its votes went to.
    @OptionalParent(key: "duplicate_of_id") var duplicateOf: Idea?
    /// Members voting for it now.
    @Field(key: "vote_count") var voteCount: Int
    /// The sum of their tier weights.
    @Field(key: "weighted_score") var weightedScore: Int
    /// The hot sort key (see `IdeaRanking`), kept current with every vote.
    @Field(key: "hot_rank") var hotRank: Double
    /// Its discussion: a forum thread in the product's board (replies, quotes, likes).
    @OptionalField(key: "thread_id") var threadID: Int?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "status_changed_at") var statusChangedAt: Date

    init() {}

    init(productID: Int, moduleID: Int?, authorID: Int, title: String, body: String, bodyHTML: String, createdAt: Date) {
        self.$product.id = productID
        self.$module.id = moduleID
        self.$author.id = authorID
        self.title = title
        self.body = body
        self.bodyHTML = bodyHTML
        self.status = .proposed
        self.voteCount = 0
        self.weightedScore = 0
        self.hotRank = IdeaRanking.hot(score: 0, createdAt: createdAt)
        self.createdAt = createdAt
        self.statusChangedAt = createdAt
    }
}

/// One member's vote on one idea, with the weight their tier gave it then. `open` while the
/// idea is open: it counts against the member's budget of open votes.
final class IdeaVote: Model, @unchecked Sendable {
    static let schema = "idea_votes"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "idea_id") var idea: Idea
    @Parent(key: "user_id") var user: User
    @Field(key: "weight") var weight: Int
    @Field(key: "open") var open: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The public history of an idea's statuses, each with its note.
final class IdeaStatusChange: Model, @unchecked Sendable {
    static let schema = "idea_status_changes"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "idea_id") var idea: Idea
    @Field(key: "from_status") var from: IdeaStatus
    @Field(key: "to_status") var to: IdeaStatus
    @Field(key: "note") var note: String
    @Parent(key: "actor_id") var actor: User
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(ideaID: Int, from: IdeaStatus, to: IdeaStatus, note: String, actorID: Int, createdAt: Date) {
        self.$idea.id = ideaID
        self.from = from
        self.to = to
        self.note = note
        self.$actor.id = actorID
        self.createdAt = createdAt
    }
}
