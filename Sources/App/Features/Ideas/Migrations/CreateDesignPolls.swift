import Fluent

/// Design polls, their options, and one vote (with its reason) per member per poll.
struct CreateDesignPolls: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DesignPoll.schema)
            .field("id", .int, .identifier(auto: true))
            .field("product_id", .int, .required, .references(Product.schema, "id"))
            .field("question", .string, .required)
            .field("description", .string, .required)
            .field("opens_at", .datetime, .required)
            .field("closes_at", .datetime, .required)
            .field("tiers", .string, .required)
            .field("results_after_close", .bool, .required)
            .field("half_finished", .bool, .required)
            .field("idea_id", .int, .references(Idea.schema, "id"))
            .field("vote_count", .int, .required)
            .field("closed_at", .datetime)
            .field("decision", .string)
            .field("decided_option_id", .int)
            .field("created_by", .int, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: DesignPoll.schema, "product_id", "created_at")

        try await database.schema(DesignPollOption.schema)
            .field("id", .int, .identifier(auto: true))
            .field("poll_id", .int, .required, .references(DesignPoll.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("image_url", .string, .required)
            .field("vote_count", .int, .required)
            .create()
        try await database.index(on: DesignPollOption.schema, "poll_id")

        try await database.schema("design_poll_votes")
            .field("id", .int, .identifier(auto: true))
            .field("poll_id", .int, .required, .references(DesignPoll.schema, "id", onDelete: .cascade))
            .field("option_id", .int, .required, .references(DesignPollOption.schema, "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "poll_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["design_poll_votes", DesignPollOption.schema, DesignPoll.schema] { try await database.schema(table).delete() }
    }
}
