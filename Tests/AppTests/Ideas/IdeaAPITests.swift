import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Ideas: API")
struct IdeaAPITests {
    @Test func propose_list_vote_and_triage_through_the_api() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let fanToken = try await app.apiToken(email: "fan@example.com")
            let staffToken = try await app.apiToken(email: "staff@example.com")
            let created = try await app.api(.POST, "/products/aurora-os/ideas", json: #"{"title":"相册支持按地点浏览","body":"**地图**视图","module":"camera"}"#, token: fanToken)
            #expect(created.status == .created)
            let id = created.json["id"] as? Int ?? 0
            #expect((created.json["body_html"] as? String)?.contains("<strong>地图</strong>") == true)
            #expect(try await app.api(.POST, "/products/aurora-os/ideas", json: #"{"title":"x"}"#, token: fanToken).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/products/aurora-os/ideas", json: #"{"title":"相册模块","module":"nope"}"#, token: fanToken).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/products/nope/ideas", json: #"{"title":"相册模块"}"#, token: fanToken).status == .notFound)

            // Twelve members vote three times each, at once, over real HTTP: twelve votes.
            let tokens = try await app.makeLikers(12)
            try await withRunningServer(app) { base in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for token in tokens + tokens + tokens {
                        group.addTask {
                            let status = try await app.client.put(URI(string: base + "/api/v1/ideas/\(id)/vote")) { req in
                                req.headers.bearerAuthorization = .init(token: token)
                            }.status
                            #expect(status == .ok)
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let detail = try await app.api(.GET, "/ideas/\(id)", token: tokens[0])
            let idea = detail.json["idea"] as? [String: Any] ?? [:]
            #expect(idea["votes"] as? Int == 12 && idea["weighted_score"] as? Int == 12 && idea["voted"] as? Bool == true)
            let withdrawn = try await app.api(.DELETE, "/ideas/\(id)/vote", token: tokens[0])
            #expect(withdrawn.json["votes"] as? Int == 11 && withdrawn.json["voted"] as? Bool == false)

            let list = try await app.api(.GET, "/products/aurora-os/ideas?sort=top&module=camera")
            #expect((list.json["items"] as? [[String: Any]])?.first?["id"] as? Int == id)
            #expect(try await app.api(.GET, "/products/aurora-os/ideas?sort=sideways").status == .unprocessableEntity)

            #expect(try await app.api(.POST, "/ideas/\(id)/status", json: #"{"status":"planned"}"#, token: fanToken).status == .forbidden)
            #expect(try await app.api(.POST, "/ideas/\(id)/status", json: #"{"status":"declined"}"#, token: staffToken).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/ideas/\(id)/status", json: #"{"status":"nonsense"}"#, token: staffToken).status == .unprocessableEntity)
            let planned = try await app.api(.POST, "/ideas/\(id)/status", json: #"{"status":"planned","note":"排进 2.0"}"#, token: staffToken)
            #expect(planned.json["status"] as? String == "planned")
            let history = try await app.api(.GET, "/ideas/\(id)").json["history"] as? [[String: Any]]
            #expect(history?.first?["note"] as? String == "排进 2.0")
            let merged = try await app.api(.POST, "/ideas/\(id)/merge", json: #"{"into_id":\#(id)}"#, token: staffToken)
            #expect(merged.status == .unprocessableEntity)
            #expect(merged.json["error"] as? String == "merge_into_self")
            _ = fixture
        }
    }

    @Test func the_cached_list_is_found_by_slug_and_an_unknown_product_is_still_a_404() async throws {
        try await withTestApp({ $0.listCacheSeconds = 5 }) { app in
            let fixture = try await IdeasFixture.make(app)
            _ = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "锁屏小组件", body: "", by: fixture.fan)
            let first = try await app.api(.GET, "/products/aurora-os/ideas?sort=hot")
            #expect(first.status == .ok)
            #expect((first.json["items"] as? [Any])?.count == 1)
            // Cached now, and the slug is case-blind as before.
            let again = try await app.api(.GET, "/products/AURORA-OS/ideas?sort=hot")
            #expect(again.body.string == first.body.string)
            for _ in 0..<2 {
                let missing = try await app.api(.GET, "/products/no-such-product/ideas?sort=hot")
                #expect(missing.status == .notFound)
                #expect(missing.apiError != nil)
            }
        }
    }

    @Test func a_spent_budget_is_a_409_that_says_why() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let token = try await app.apiToken(email: "fan@example.com")
            var ids: [Int] = []
            for index in 0..<11 {
                ids.append(try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "Idea number \(index)", body: "", by: fixture.staff).requireID())
            }
            for id in ids.prefix(10) { #expect(try await app.api(.PUT, "/ideas/\(id)/vote", token: token).status == .ok) }
            let refused = try await app.api(.PUT, "/ideas/\(ids[10])/vote", token: token)
            #expect(refused.status == .conflict)
            #expect(refused.json["error"] as? String == "vote_budget_spent")
            #expect((refused.json["reason"] as? String)?.contains("10") == true)
            #expect(try await app.ideas.idea(ids[10]).voteCount == 0)
        }
    }
}
