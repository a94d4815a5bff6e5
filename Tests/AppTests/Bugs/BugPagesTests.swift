import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Bugs: pages in both languages")
struct BugPagesTests {
    @Test(arguments: [("zh-CN", "报告缺陷", "同问", "热度"), ("en", "Report a bug", "Me too", "Heat")])
    func a_fan_reports_others_say_me_too_and_the_team_fixes_it(language: String, reportLabel: String, meTooLabel: String, heatLabel: String) async throws {
        try await withTestApp { app in
            let releases = try await ReleaseFixture.make(app)
            try await releases.publish(app)
            let fan = Browser(app, acceptLanguage: language)
            try await fan.login(email: "fan@example.com")
            #expect(try await fan.get("/bugs").body.string.contains("/products/aurora-os/bugs"))
            let form = try await fan.get("/products/aurora-os/bugs/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains(reportLabel))
            let refused = try await fan.post("/products/aurora-os/bugs/new", ["title": "短", "steps": "x", "build": String(releases.releaseID)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("form-error"))
            let created = try await fan.post(
                "/products/aurora-os/bugs/new",
                ["title": "<script>alert(1)</script>相机闪退", "steps": "打开相机", "build": String(releases.releaseID), "module": "camera",
                 "device_model": "Aurora 14", "frequency": "often"])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let page = try await fan.get(location)
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("<script>alert(1)</script>"))
            #expect(page.body.string.contains(heatLabel))
            #expect(page.body.string.contains("Aurora 14"))

            _ = try await app.makeUser(email: "other@example.com", name: "other-member")
            let other = Browser(app, acceptLanguage: language)
            try await other.login(email: "other@example.com")
            let seen = try await other.get(location)
            #expect(seen.body.string.contains(meTooLabel))
            #expect(!seen.body.string.contains("Aurora 14"))
            #expect(try await other.post(location + "/me-too", ["build": String(releases.releaseID), "device_model": "Pixel"]).status == .seeOther)
            #expect(try await other.post(location + "/me-too", ["build": ""]).status == .conflict)

            let staff = Browser(app, acceptLanguage: language)
            try await staff.login(email: "staff@example.com")
            let queue = try await staff.get("/products/aurora-os/bugs/triage")
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains(location))
            #expect(try await fan.get("/products/aurora-os/bugs/triage").status == .forbidden)
            try await staff.get(location)
            #expect(try await staff.post(location + "/status", ["status": "fixed", "build": String(releases.releaseID), "note": ""]).status == .seeOther)
            #expect(try await staff.post(location + "/status", ["status": "duplicate"]).status == .unprocessableEntity)
            let list = try await fan.get("/products/aurora-os/bugs?status=fixed")
            #expect(list.body.string.contains(location))
            let release = try await fan.get("/releases/\(releases.releaseID)")
            #expect(release.body.string.contains("fixed-bugs"))
            // The member who hit it verifies from the page.
            try await other.get(location)
            #expect(try await other.post(location + "/verify", ["fixed": "yes", "build": String(releases.releaseID)]).status == .seeOther)
            #expect(try await app.bugs.bug(Int(location.split(separator: "/").last ?? "") ?? 0).verifiedCount == 1)
        }
    }
}
