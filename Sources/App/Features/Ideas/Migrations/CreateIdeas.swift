import Fluent
import SQLKit

/// Products with their modules and teams; ideas, their votes, status history and followers;
/// each member's count of open votes (kept beside the votes so a budget holds under concurrency);
/// the open-vote budget in the tier privileges; and the ideas' credit rules and medal.
struct CreateIdeas: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Product.schema)
            .field("id", .int, .identifier(auto: true))
            .field("slug", .string, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("description_zh", .string, .required)
            .field("description_en", .string, .required)
            .field("icon", .string, .required)
            .field("board_id", .int, .references("boards", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "slug")
            .create()

        try await database.schema(ProductModule.schema)
            .field("id", .int, .identifier(auto: true))
            .field("product_id", .int, .required, .references(Product.schema, "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("team", .string, .required)
            .unique(on: "product_id", "key")
            .create()

        try await database.schema(ProductMember.schema)
            .field("id", .int, .identifier(auto: true))
            .field("product_id", .int, .required, .references(Product.schema, "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .unique(on: "product_id", "user_id")
            .create()

        try await database.schema(Idea.schema)
            .field("id", .int, .identifier(auto: true))
            .field("product_id", .int, .required, .references(Product.schema, "id"))
            .field("module_id", .int, .references(ProductModule.schema, "id"))
            .field("author_id", .int, .required, .references(User.schema, "id"))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("body_html", .string, .required)
            .field("status", .string, .required)
            .field("duplicate_of_id", .int, .references(Idea.schema, "id"))
            .field("vote_count", .int, .required)
            .field("weighted_score", .int, .required)
            .field("hot_rank", .double, .required)
            .field("thread_id", .int, .references("forum_threads", "id"))
            .field("created_at", .datetime, .required)
            .field("status_changed_at", .datetime, .required)
            .create()
        // The four sorts, each within a product, with the id that breaks ties (so a page is read
        // straight from the index, never sorted).
        try await database.index(on: Idea.schema, "product_id", "hot_rank", "id")
        try await database.index(on: Idea.schema, "product_id", "weighted_score", "id")
        try await database.index(on: Idea.schema, "product_id", "created_at", "id")
        try await database.index(on: Idea.schema, "product_id", "status_changed_at", "id")
        try await database.index(on: Idea.schema, "product_id", "status")

        try await database.schema(IdeaVote.schema)
            .field("id", .int, .identifier(auto: true))
            .field("idea_id", .int, .required, .references(Idea.schema, "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("weight", .int, .required)
            .field("open", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "idea_id", "user_id")
            .create()
        try await database.index(on: IdeaVote.schema, "user_id", "open")

        try await database.schema("idea_voters")
            .field("user_id", .int, .identifier(auto: false), .references(User.schema, "id", onDelete: .cascade))
            .field("open_votes", .int, .required)
            .create()

        try await database.schema(IdeaStatusChange.schema)
            .field("id", .int, .identifier(auto: true))
            .field("idea_id", .int, .required, .references(Idea.schema, "id", onDelete: .cascade))
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("note", .string, .required)
            .field("actor_id", .int, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: IdeaStatusChange.schema, "idea_id")

        try await database.schema("idea_follows")
            .field("idea_id", .int, .required, .references(Idea.schema, "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .unique(on: "idea_id", "user_id")
            .create()

        // The budget of open votes is a tier privilege; nil is unlimited.
        try await database.schema(TierRule.schema).field("open_vote_budget", .int).update()
        let sql = database as! any SQLDatabase
        for (tier, budget) in IdeaRules.defaultVoteBudgets {
            try await sql.raw("UPDATE tier_rules SET open_vote_budget = \(bind: budget) WHERE tier = \(bind: tier.rawValue)").run()
        }
        for rule in IdeaRules.creditRules { try await rule.create(on: database) }
        try await IdeaRules.shippedMedal.create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await Medal.query(on: database).filter(\.$key == IdeaRules.shippedMedal.key).delete()
        try await CreditRule.query(on: database).filter(\.$action ~~ IdeaRules.creditRules.map(\.action)).delete()
        try await database.schema(TierRule.schema).deleteField("open_vote_budget").update()
        for table in ["idea_follows", IdeaStatusChange.schema, "idea_voters", IdeaVote.schema, Idea.schema, ProductMember.schema, ProductModule.schema, Product.schema] {
            try await database.schema(table).delete()
        }
    }
}
