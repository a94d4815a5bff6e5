import Fluent
import SQLKit

/// Bugs with their "me too"s, followers, attachments, verifications and history; the
/// `bug_triage` tier privilege (honorary developers and the core team by default); the bugs'
/// credit rules.
struct CreateBugs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Bug.schema)
            .field("id", .int, .identifier(auto: true))
            .field("product_id", .int, .required, .references(Product.schema, "id"))
            .field("module_id", .int, .references(ProductModule.schema, "id"))
            .field("release_id", .int, .references(Release.schema, "id"))
            .field("reporter_id", .int, .required, .references(User.schema, "id"))
            .field("title", .string, .required)
            .field("steps", .string, .required)
            .field("expected", .string, .required)
            .field("actual", .string, .required)
            .field("frequency", .string, .required)
            .field("device_model", .string, .required)
            .field("status", .string, .required)
            .field("severity", .string)
            .field("duplicate_of_id", .int, .references(Bug.schema, "id"))
            .field("fixed_in_release_id", .int, .references(Release.schema, "id"))
            .field("checked_on_release_id", .int, .references(Release.schema, "id"))
            .field("me_too_count", .int, .required)
            .field("qualified_me_too_count", .int, .required)
            .field("duplicate_count", .int, .required)
            .field("follower_count", .int, .required)
            .field("verified_count", .int, .required)
            .field("fix_round", .int, .required)
            .field("heat_rank", .double, .required)
            .field("thread_id", .int, .references("forum_threads", "id"))
            .field("created_at", .datetime, .required)
            .field("active_at", .datetime, .required)
            .field("status_changed_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .create()
        // A list page is read straight from an index of its sort, for the product alone or with
        // one status; the other filters are checked from the index's trailing columns, so rows
        // that do not match are never read (see `BugListQuery`).
        for sort in BugsService.Sort.allCases {
            for byStatus in [false, true] {
                let columns = BugListQuery.indexColumns(sort: sort, byStatus: byStatus)
                var index = (database as! any SQLDatabase).create(index: BugListQuery.indexName(columns)).on(Bug.schema)
                for column in columns { index = index.column(column) }
                try await index.run()
            }
        }
        try await database.index(on: Bug.schema, "fixed_in_release_id")
        try await database.index(on: Bug.schema, "duplicate_of_id")
        try await database.index(on: Bug.schema, "reporter_id")

        try await database.schema(BugMeToo.schema)
            .field("id", .int, .identifier(auto: true))
            .field("bug_id", .int, .required, .references(Bug.schema, "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("release_id", .int, .references(Release.schema, "id"))
            .field("device_model", .string, .required)
            .field("qualified", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "bug_id", "user_id")
            .create()
        try await database.index(on: BugMeToo.schema, "user_id")

        try await database.schema("bug_follows")
            .field("bug_id", .int, .required, .references(Bug.schema, "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .unique(on: "bug_id", "user_id")
            .create()

        try await database.schema("bug_verifications")
            .field("id", .int, .identifier(auto: true))
            .field("bug_id", .int, .required, .references(Bug.schema, "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("fix_round", .int, .required)
            .field("release_id", .int, .required, .references(Release.schema, "id"))
            .field("fixed", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "bug_id", "user_id", "fix_round")
            .create()

        try await database.schema(BugAttachment.schema)
            .field("id", .int, .identifier(auto: true))
            .field("bug_id", .int, .required, .references(Bug.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("upload_id", .int, .references("uploads", "id"))
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_size", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: BugAttachment.schema, "bug_id")

        try await database.schema(BugEvent.schema)
            .field("id", .int, .identifier(auto: true))
            .field("bug_id", .int, .required, .references(Bug.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("from_status", .string)
            .field("to_status", .string)
            .field("note", .string, .required)
            .field("actor_id", .int, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: BugEvent.schema, "bug_id")

        // How many bugs each combination of the list filters holds (see `BugTallies`).
        try await database.schema(BugTallies.schema)
            .field("product_id", .int, .required, .references(Product.schema, "id"))
            .field("status", .string, .required)
            .field("module_id", .int, .required)
            .field("severity", .string, .required)
            .field("release_id", .int, .required)
            .field("count", .int, .required)
            .unique(on: "product_id", "status", "module_id", "severity", "release_id")
            .create()

        try await database.schema(TierRule.schema).field("bug_triage", .bool, .required, .sql(.default(false))).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            UPDATE tier_rules SET bug_triage = \(bind: true) WHERE tier IN (\(binds: [Tier.honoraryDeveloper.rawValue, Tier.coreTeam.rawValue]))
            """).run()
        for rule in BugRules.creditRules { try await rule.create(on: database) }
    }

    func revert(on database: any Database) async throws {
        try await CreditRule.query(on: database).filter(\.$action ~~ BugRules.creditRules.map(\.action)).delete()
        try await database.schema(TierRule.schema).deleteField("bug_triage").update()
        for table in [BugTallies.schema, BugEvent.schema, BugAttachment.schema, "bug_verifications", "bug_follows", BugMeToo.schema, Bug.schema] {
            try await database.schema(table).delete()
        }
    }
}
