import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Admins edit the standing rules")
struct StandingAdminTests {
    private func admin(_ app: Application) async throws -> Browser {
        try await app.makeUser(email: "root@example.com", name: "Root", role: .admin)
        let browser = Browser(app, acceptLanguage: "en")
        try await browser.login(email: "root@example.com")
        return browser
    }

    @Test func only_admins_open_the_page() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "s@example.com", name: "Staff", role: .staff)
            let staff = Browser(app)
            try await staff.login(email: "s@example.com")
            #expect((try await staff.get("/admin/standing")).status == .forbidden)
            let root = try await admin(app)
            let page = try await root.get("/admin/standing")
            #expect(page.status == .ok)
            #expect(page.body.string.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</html>"))
            #expect(page.body.string.contains("id=\"nav-admin\""))
        }
    }

    @Test func a_changed_rule_pays_the_new_amount() async throws {
        try await withTestApp { app in
            let root = try await admin(app)
            try await root.get("/admin/standing")
            let rule = try #require(try await CreditRule.query(on: app.db).filter(\.$action == CreditAction.dailyCheckIn).first())
            let saved = try await root.post("/admin/standing/rules/\(try rule.requireID())", ["amount": "5", "cycle": "daily", "interval_hours": "0", "max_per_cycle": "1", "enabled": "on"])
            #expect(saved.headers.first(name: .location) == "/admin/standing?notice=saved")
            let fan = try await app.makeUser().requireID()
            #expect(try await StandingService(app).checkIn(fan).creditsAwarded == 5)
        }
    }

    @Test func bad_numbers_are_refused_and_nothing_changes() async throws {
        try await withTestApp { app in
            let root = try await admin(app)
            try await root.get("/admin/standing")
            let rule = try #require(try await CreditRule.query(on: app.db).filter(\.$action == CreditAction.reply).first())
            let huge = try await root.post("/admin/standing/rules/\(try rule.requireID())", ["amount": "1000000", "cycle": "unlimited", "enabled": "on"])
            #expect(huge.status == .unprocessableEntity)
            #expect(huge.body.string.contains("amount"))
            let text = try await root.post("/admin/standing/rules/\(try rule.requireID())", ["amount": "two", "cycle": "unlimited"])
            #expect(text.status == .unprocessableEntity)
            let cycle = try await root.post("/admin/standing/rules/\(try rule.requireID())", ["amount": "2", "cycle": "weekly"])
            #expect(cycle.status == .unprocessableEntity)
            #expect(try await CreditRule.find(rule.id, on: app.db)?.amount == 1)

            let levels = try await Level.query(on: app.db).sort(\.$minCredits).all()
            let duplicate = try await root.post("/admin/standing/levels/\(try levels[2].requireID())", ["min_credits": "200", "name_zh": "注册会员", "name_en": "Member", "stars": "2"])
            #expect(duplicate.status == .unprocessableEntity)
            #expect(try await Level.find(levels[2].id, on: app.db)?.minCredits == 50)
            #expect((try await root.post("/admin/standing/rules/99999", ["amount": "1", "cycle": "daily", "max_per_cycle": "1"])).status == .notFound)
        }
    }

    @Test func tiers_levels_and_medals_are_editable() async throws {
        try await withTestApp { app in
            let root = try await admin(app)
            try await root.get("/admin/standing")
            let fanRule = try #require(try await TierRule.query(on: app.db).filter(\.$tier == .fan).first())
            try await root.post("/admin/standing/tiers/\(try fanRule.requireID())", [
                "min_credits": "80", "min_days_joined": "3", "min_days_active": "0", "min_contributions": "0",
                "contribution_window_days": "30", "quota": "500", "vote_weight": "2", "f_code_quota": "0", "event_priority": "1",
                "weekly_builds": "on", "open_vote_budget": "25",
            ])
            let fan = try await app.makeUser(email: "budget@example.com", name: "Budget")
            try await PyramidService(app).setTier(fan.requireID(), to: .fan, reason: "test")
            #expect(try await PyramidService(app).privileges(of: fan.requireID()).openVoteBudget == 25)
            let updated = try #require(try await TierRule.find(fanRule.id, on: app.db))
            #expect(updated.minCredits == 80 && updated.quota == 500 && updated.voteWeight == 2 && updated.weeklyBuilds && !updated.closedBeta)

            let level = try #require(try await Level.query(on: app.db).filter(\.$minCredits == 50).first())
            try await root.post("/admin/standing/levels/\(try level.requireID())", ["min_credits": "60", "name_zh": "正式会员", "name_en": "Regular", "stars": "2"])
            #expect(try await StandingService(app).progress(for: 59).level.nameEn == "Newcomer")
            #expect(try await StandingService(app).progress(for: 60).level.nameEn == "Regular")

            let medal = try #require(try await Medal.query(on: app.db).filter(\.$key == "streak_7").first())
            try await root.post("/admin/standing/medals/\(try medal.requireID())", [
                "name_zh": "连签一周", "name_en": "One-week streak", "description_zh": "", "description_en": "",
                "condition": "streak", "threshold": "5", "valid_days": "", "enabled": "on",
            ])
            #expect(try await Medal.find(medal.id, on: app.db)?.threshold == 5)
        }
    }
}
