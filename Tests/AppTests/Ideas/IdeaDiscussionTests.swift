import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Ideas: discussions and product admin")
struct IdeaDiscussionTests {
    @Test func each_idea_is_discussed_in_a_forum_thread_of_its_product() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            #expect(fixture.product.boardID != nil)
            let idea = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "相机启动更快", body: "冷启动要两秒", by: fixture.fan)
            let threadID = try #require(idea.threadID)
            let ideaID = try idea.requireID()
            let thread = try #require(try await ForumThread.find(threadID, on: app.db))
            #expect(thread.$board.id == fixture.product.boardID && thread.title == "相机启动更快")
            // Replies, quotes and likes are the forum's own.
            let fanToken = try await app.apiToken(email: "fan@example.com")
            try await app.promoteToFan(fixture.fan)
            let reply = try await app.replyTo(threadID, body: "同感，希望能优化", token: fanToken)
            #expect(reply.status == .created)
            let page = try await Browser(app).get("/ideas/\(ideaID)").body.string
            #expect(page.contains("/forum/threads/\(threadID)") && page.contains("idea-discussion"))
            let floor = try await app.api(.GET, "/threads/\(threadID)")
            let first = (floor.json["posts"] as? [[String: Any]])?.first?["body"] as? String ?? ""
            #expect(first.contains("/ideas/\(ideaID)"))
            // Proposing earns no "new thread" credit: the discussion is the idea's, not a post.
            let entries = try await CreditEntry.query(on: app.db).filter(\.$rule == CreditAction.newThread).count()
            #expect(entries == 0)
        }
    }

    @Test func staff_create_products_and_teams_on_the_admin_page() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let fan = Browser(app)
            try await fan.login(email: "fan@example.com")
            #expect(try await fan.get("/admin/products").status == .forbidden)
            let staff = Browser(app, acceptLanguage: "en")
            try await staff.login(email: "staff@example.com")
            #expect(try await staff.get("/admin/products").body.string.contains("Aurora OS"))
            let created = try await staff.post("/admin/products", [
                "slug": "aurora-watch", "name_zh": "极光手表", "name_en": "Aurora Watch", "icon": "⌚",
                "modules": "health | 健康 | Health | Health team\nstraps | 表带 | Straps |",
            ])
            #expect(created.status == .seeOther)
            let watch = try await app.ideas.product(slug: "aurora-watch")
            #expect(try await app.ideas.modules(of: watch.requireID()).map(\.key) == ["health", "straps"])
            let again = try await staff.post("/admin/products", ["slug": "aurora-watch", "name_zh": "重复", "name_en": "Again"])
            #expect(again.status == .conflict)
            // More modules than a product may have: refused, naming the limit, nothing stored.
            _ = try await staff.get("/admin/products")
            let crowded = try await staff.post("/admin/products", [
                "slug": "aurora-band", "name_zh": "极光手环", "name_en": "Aurora Band",
                "modules": (0...IdeasService.maxModules).map { "m\($0) | 模块 | Module |" }.joined(separator: "\n"),
            ])
            #expect(crowded.status == .unprocessableEntity && crowded.body.string.contains("at most \(IdeasService.maxModules) modules"))
            await #expect(throws: (any Error).self) { try await app.ideas.product(slug: "aurora-band") }
            _ = try await staff.get("/admin/products")
            #expect(try await staff.post("/admin/products/\(watch.requireID())/team", ["email": "fan@example.com"]).status == .seeOther)
            let idea = try await app.ideas.propose(in: watch, moduleKey: "health", title: "睡眠监测更准", body: "", by: fixture.staff)
            #expect(try await app.ideas.setStatus(idea.requireID(), to: .planned, note: nil, by: fixture.fan).status == .planned)
            _ = try await staff.get("/admin/products")
            #expect(try await staff.post("/admin/products/\(watch.requireID())/team", ["email": "nobody@example.com"]).status == .unprocessableEntity)
        }
    }
}
