import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Releases: pages, API and feeds")
struct ReleasePagesTests {
    @Test(arguments: [("zh-CN", "四格体验报告", "爆米花奖"), ("en", "Four-grid report", "Popcorn Award")])
    func staff_publish_a_fan_reports_and_the_award_shows_in_both_languages(language: String, reportLabel: String, awardLabel: String) async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let idea = try await app.ideas.propose(in: fixture.product, moduleKey: "camera", title: "人像模式背景虚化可调", body: "", by: fixture.fan)
            let staff = Browser(app, acceptLanguage: language)
            try await staff.login(email: "staff@example.com")
            #expect(try await staff.get("/products/aurora-os/releases").status == .ok)
            let refused = try await staff.post("/products/aurora-os/releases/new", ["version": "has space"])
            #expect(refused.status == .unprocessableEntity)
            let created = try await staff.post("/products/aurora-os/releases/new", ["version": "15.0.1", "notes": "**本周**更新"])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let id = Int(location.split(separator: "/").last ?? "") ?? 0
            try await staff.get(location)
            #expect(try await staff.post("/releases/\(id)/changes", ["title": "虚化可调", "module": "camera", "idea_id": "\(idea.requireID())"]).status == .seeOther)
            #expect(try await staff.post("/releases/\(id)/changes", ["title": "省电优化", "module": "battery"]).status == .seeOther)
            #expect(try await staff.post("/releases/\(id)/changes", ["title": "坏编号", "team": "T", "idea_id": "abc"]).status == .unprocessableEntity)
            #expect(try await staff.post("/releases/\(id)/promote", ["ring": "backwards"]).status == .unprocessableEntity)
            #expect(try await staff.post("/releases/\(id)/promote", ["ring": "weekly"]).status == .seeOther)
            #expect(try await staff.post("/releases/\(id)/promote", ["ring": "closed_beta"]).status == .conflict)

            // A core fan in the weekly ring files the report from the page.
            _ = try await app.makeRingMember("core@example.com", tier: .coreFan, product: fixture.product)
            let fan = Browser(app, acceptLanguage: language)
            try await fan.login(email: "core@example.com")
            let page = try await fan.get("/releases/\(id)").body.string
            #expect(page.contains(reportLabel))
            #expect(page.contains("report-form"))
            #expect(page.contains("米粉小王"))
            let changes = try await app.releases.changes(of: id)
            let bad = try await fan.post("/releases/\(id)/report", ["liked_change_id": "\(changes[0].id!)", "weak_change_id": "\(changes[1].id!)", "rating": "9", "anticipated_text": "更多"])
            #expect(bad.status == .unprocessableEntity)
            let filed = try await fan.post("/releases/\(id)/report", ["liked_change_id": "\(changes[0].id!)", "weak_change_id": "\(changes[1].id!)", "rating": "5", "anticipated_text": "更多"])
            #expect(filed.status == .seeOther)
            #expect(try await app.releases.release(id).reportCount == 1)
            // A plain member outside the ring sees the published changelog, not the notes, the
            // download or the report form.
            let outsider = Browser(app, acceptLanguage: language)
            try await outsider.login(email: "fan@example.com")
            let outside = try await outsider.get("/releases/\(id)").body.string
            #expect(outside.contains("虚化可调") && outside.contains("ring-note"))
            #expect(!outside.contains("report-form") && !outside.contains("<strong>本周</strong>"))
            #expect(page.contains("<strong>本周</strong>"))

            app.fixedClock.advance(by: 5 * 86_400)
            try await ReleaseTrain(app.releases).tick()
            let results = try await fan.get("/releases/\(id)/results")
            #expect(results.status == .ok)
            #expect(results.body.string.contains(awardLabel))
            #expect(results.body.string.contains("<svg"))
            #expect(try await fan.get("/products/aurora-os/team?name=Camera%20team").body.string.contains("虚化可调"))
            // The product page shows the train, the latest Popcorn Award and the weekly-ring choice.
            let productPage = try await fan.get("/products/aurora-os").body.string
            #expect(productPage.contains("id=\"train\"") && productPage.contains("latest-popcorn") && productPage.contains("leave-weekly"))
            #expect(try await fan.post("/products/aurora-os/weekly-ring", ["action": "leave"]).status == .seeOther)
            #expect(try await fan.get("/products/aurora-os").body.string.contains("join-weekly"))
            #expect(try await outsider.post("/products/aurora-os/weekly-ring", ["action": "join"]).status == .forbidden)
            #expect(try await fan.get("/releases").status == .ok)
        }
    }

    @Test func the_api_publishes_promotes_and_reports_with_clear_errors() async throws {
        try await withTestApp { app in
            _ = try await IdeasFixture.make(app)
            let staffToken = try await app.apiToken(email: "staff@example.com")
            let fanToken = try await app.apiToken(email: "fan@example.com")
            var response = try await app.api(.POST, "/products/aurora-os/releases", json: #"{"version":"2.0.0","notes":"hi"}"#, token: fanToken)
            #expect(response.status == .forbidden)
            response = try await app.api(.POST, "/products/aurora-os/releases", json: #"{"version":"2.0.0","notes":"hi"}"#, token: staffToken)
            #expect(response.status == .created)
            let id = try #require(response.json["id"] as? Int)
            response = try await app.api(.POST, "/releases/\(id)/changes", json: #"{"title":"新相机","module":"camera"}"#, token: staffToken)
            #expect(response.status == .created)
            let change = try #require(response.json["id"] as? Int)
            response = try await app.api(.POST, "/releases/\(id)/rollout", json: #"{"percent":150}"#, token: staffToken)
            #expect(response.status == .conflict)
            response = try await app.api(.POST, "/releases/\(id)/promote", json: #"{"ring":"stable"}"#, token: staffToken)
            #expect(response.status == .ok)
            #expect(response.json["ring"] as? String == "stable")
            response = try await app.api(.POST, "/releases/\(id)/rollout", json: #"{"percent":150}"#, token: staffToken)
            #expect(response.status == .unprocessableEntity)
            #expect(response.apiError?.field == "percent")
            response = try await app.api(.POST, "/releases/\(id)/rollout", json: #"{"pause":true}"#, token: staffToken)
            #expect((response.json["rollout"] as? [String: Any])?["paused"] as? Bool == true)
            // Everyone may report on a stable build while the report is open.
            response = try await app.api(.PUT, "/releases/\(id)/report", json: #"{"liked_change_id":\#(change),"weak_change_id":\#(change),"anticipated_text":"更多","rating":0}"#, token: fanToken)
            #expect(response.status == .unprocessableEntity)
            response = try await app.api(.PUT, "/releases/\(id)/report", json: #"{"liked_change_id":\#(change),"weak_change_id":\#(change),"anticipated_text":"更多","rating":3}"#, token: fanToken)
            #expect(response.status == .ok)
            response = try await app.api(.GET, "/releases/\(id)/report/summary")
            #expect(response.json["reports"] as? Int == 1)
            #expect(response.json["ratings"] as? [Int] == [0, 0, 1, 0, 0])
            // Closing early gives the award at once; only the team may, and only while open.
            response = try await app.api(.POST, "/releases/\(id)/report/close", token: fanToken)
            #expect(response.status == .forbidden)
            response = try await app.api(.POST, "/releases/\(id)/report/close", token: staffToken)
            #expect(response.json["popcorn_change_id"] as? Int == change)
            response = try await app.api(.POST, "/releases/\(id)/report/close", token: staffToken)
            #expect(response.status == .conflict)
            response = try await app.api(.GET, "/products/aurora-os/calendar")
            #expect(response.status == .ok)
            #expect((response.json["phases"] as? [Any])?.count == 4)
            response = try await app.api(.PUT, "/products/aurora-os/calendar", json: #"{"cadence":"monthly","release_time":"25:00"}"#, token: staffToken)
            #expect(response.status == .unprocessableEntity)
            response = try await app.api(.PUT, "/products/aurora-os/calendar", json: #"{"cadence":"monthly","release_time":"16:30"}"#, token: staffToken)
            #expect(response.json["cadence"] as? String == "monthly")
            response = try await app.api(.GET, "/releases/999999")
            #expect(response.status == .notFound)
            #expect(response.apiError?.error == "not_found")
        }
    }

    @Test func the_atom_feeds_list_published_builds_with_their_changelog() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            var response = try await app.testing().sendRequest(.GET, "/products/aurora-os/releases.atom")
            #expect(response.status == .ok)
            #expect(!response.body.string.contains("<entry>"))
            try await fixture.publish(app)
            response = try await app.testing().sendRequest(.GET, "/products/aurora-os/releases.atom")
            #expect(response.headers.contentType?.subType == "atom+xml")
            let xml = response.body.string
            #expect(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
            #expect(xml.contains("14.0.1"))
            #expect(xml.contains("夜景拍摄提速 40%"))
            #expect(try await app.testing().sendRequest(.GET, "/releases.atom").body.string.contains("<entry>"))
            #expect(try await app.testing().sendRequest(.GET, "/products/nope/releases.atom").status == .notFound)
        }
    }
}
