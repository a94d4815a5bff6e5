import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Ideas: pages")
struct IdeaPagesTests {
    @Test(arguments: [("zh-CN", "提出想法", "已计划"), ("en", "Propose an idea", "Planned")])
    func a_fan_proposes_votes_and_staff_plan_it_in_both_languages(language: String, proposeLabel: String, plannedLabel: String) async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let fan = Browser(app, acceptLanguage: language)
            try await fan.login(email: "fan@example.com")
            let product = try await fan.get("/products/aurora-os")
            #expect(product.status == .ok)
            #expect(product.body.string.contains(proposeLabel))
            // A bad title keeps what was typed and says why; a good one lands on the idea's page.
            let refused = try await fan.post("/products/aurora-os/ideas/new", ["title": "x", "body": "保留这段文字"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("保留这段文字"))
            let created = try await fan.post("/products/aurora-os/ideas/new", ["title": "通知栏<script>alert(1)</script>分组", "body": "按应用分组", "module": "camera"])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let page = try await fan.get(location).body.string
            #expect(page.contains("通知栏&lt;script&gt;"))
            #expect(!page.contains("<script>alert(1)"))
            let id = Int(location.split(separator: "/").last ?? "") ?? 0
            #expect(try await fan.post("/ideas/\(id)/vote", ["action": "vote"]).status == .seeOther)
            #expect(try await app.ideas.idea(id).voteCount == 1)

            let staff = Browser(app, acceptLanguage: language)
            try await staff.login(email: "staff@example.com")
            #expect(try await staff.get("/ideas/\(id)").body.string.contains("idea-triage"))
            let declined = try await staff.post("/ideas/\(id)/status", ["status": "declined", "note": ""])
            #expect(declined.status == .unprocessableEntity, "\(declined.status) \(declined.body.string.prefix(300))")
            #expect(try await staff.post("/ideas/\(id)/status", ["status": "planned", "note": "下个版本"]).status == .seeOther)
            let planned = try await fan.get("/ideas/\(id)").body.string
            #expect(planned.contains(plannedLabel) && planned.contains("下个版本"))
            let roadmap = try await fan.get("/products/aurora-os/roadmap").body.string
            #expect(roadmap.contains("通知栏"))
            #expect(try await fan.get("/products").body.string.contains(language == "en" ? "Aurora OS" : "极光 OS"))
            _ = fixture
        }
    }

    @Test func unknown_products_and_ideas_are_404_pages() async throws {
        try await withTestApp { app in
            let visitor = Browser(app)
            for path in ["/products/nope", "/ideas/999", "/products/nope/roadmap"] {
                let status = try await visitor.get(path).status
                #expect(status == .notFound)
            }
        }
    }
}
