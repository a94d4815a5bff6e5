import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("The pyramid through the API and the pages")
struct PyramidWebAndAPITests {
    /// A member with 600 credits who joined 100 days ago: eligible to apply.
    private func veteran(_ app: Application, email: String = "vet@example.com") async throws -> User {
        let user = try await app.makeUser(email: email, name: "Veteran")
        user.createdAt = app.clock.now().addingTimeInterval(-100 * 86_400)
        try await user.update(on: app.db)
        for index in 0..<300 { _ = try await StandingService(app).award(CreditAction.newThread, to: try user.requireID(), source: "t:\(index)") }
        return user
    }

    @Test func pyramid_and_leaderboards_answer_in_shape() async throws {
        try await withTestApp { app in
            let vet = try await veteran(app)
            _ = try await PyramidService(app).review([try vet.requireID()])
            let pyramid = try await app.api(.GET, "/pyramid")
            let tiers = try #require(pyramid.json["tiers"] as? [[String: Any]])
            #expect(tiers.map { $0["tier"] as? String } == ["user", "fan", "core_fan", "honorary_developer", "core_team"])
            #expect(tiers[1]["count"] as? Int == 1)
            #expect(tiers[2]["quota"] as? Int == 100_000)
            let week = try await app.api(.GET, "/leaderboards/week")
            let entries = try #require(week.json["entries"] as? [[String: Any]])
            #expect(entries.first?["value"] as? Int == 600)
            #expect(try await app.api(.GET, "/leaderboards/century").status == .notFound)
            let standing = try await app.api(.GET, "/users/\(try vet.requireID())/standing")
            #expect(standing.json["tier"] as? String == "fan")
            #expect((standing.json["privileges"] as? [String: Any])?["vote_weight"] as? Int == 1)
            #expect((standing.json["next_tier"] as? [String: Any])?["tier"] as? String == "core_fan")
        }
    }

    @Test func an_application_goes_through_the_api_and_staff_decide() async throws {
        try await withTestApp { app in
            _ = try await veteran(app)
            try await app.makeUser(email: "staff@example.com", name: "Staff", role: .staff)
            let member = try await app.apiToken(email: "vet@example.com")
            let staff = try await app.apiToken(email: "staff@example.com")
            let short = try await app.api(.POST, "/me/tier-applications", json: #"{"statement":"short"}"#, token: member)
            #expect(short.status == .unprocessableEntity)
            #expect(short.apiError?.field == "statement")
            let applied = try await app.api(.POST, "/me/tier-applications", json: #"{"statement":"I have reported 40 bugs with logs."}"#, token: member)
            #expect(applied.status == .created)
            let id = try #require(applied.json["id"] as? Int)
            #expect(try await app.api(.GET, "/tier-applications", token: member).status == .forbidden)
            let list = try await app.api(.GET, "/tier-applications", token: staff)
            #expect(list.body.string.contains("40 bugs"))
            let noReason = try await app.api(.POST, "/tier-applications/\(id)/decision", json: #"{"approve":false}"#, token: staff)
            #expect(noReason.status == .unprocessableEntity)
            let approved = try await app.api(.POST, "/tier-applications/\(id)/decision", json: #"{"approve":true,"note":"Welcome"}"#, token: staff)
            #expect(approved.json["status"] as? String == "approved")
            let again = try await app.api(.POST, "/tier-applications/\(id)/decision", json: #"{"approve":true}"#, token: staff)
            #expect(again.status == .conflict)
            #expect(try await app.api(.GET, "/me", token: member).status == .ok)
            let vetID = try #require(try await User.query(on: app.db).filter(\.$email == "vet@example.com").first()?.id)
            #expect(try await PyramidService(app).tier(of: vetID) == .honoraryDeveloper)
        }
    }

    @Test func a_member_applies_on_the_page_and_staff_approve_on_theirs() async throws {
        try await withTestApp { app in
            _ = try await veteran(app)
            try await app.makeUser(email: "staff@example.com", name: "Staff", role: .staff)
            let member = Browser(app, acceptLanguage: "en")
            try await member.login(email: "vet@example.com")
            let standing = try await member.get("/standing").body.string
            #expect(standing.contains("id=\"apply-form\""))
            let tooShort = try await member.post("/standing/apply", ["statement": "hi"])
            #expect(tooShort.status == .unprocessableEntity)
            #expect(tooShort.body.string.contains("The statement must be 20 to 2000 characters."))
            let sent = try await member.post("/standing/apply", ["statement": "I test every Friday build and file bugs with logs."])
            #expect(sent.headers.first(name: .location) == "/standing?notice=applied")
            #expect((try await member.get("/standing")).body.string.contains("under review"))

            #expect((try await member.get("/pyramid/review")).status == .forbidden)
            let staff = Browser(app, acceptLanguage: "en")
            try await staff.login(email: "staff@example.com")
            let queue = try await staff.get("/pyramid/review").body.string
            #expect(queue.contains("I test every Friday build"))
            let id = try #require(try await TierApplication.query(on: app.db).first()?.id)
            let decided = try await staff.post("/pyramid/applications/\(id)/decide", ["decision": "approve", "note": "Welcome aboard"])
            #expect(decided.headers.first(name: .location) == "/pyramid/review?notice=approved")

            let after = try await member.get("/standing").body.string
            #expect(after.contains("<span class=\"badge big\" id=\"tier-name\">Honorary developer</span>"))
            #expect(after.contains("application approved"))
            #expect(after.contains("Welcome aboard"))
        }
    }

    @Test func the_pyramid_page_draws_the_chart_with_escaped_labels() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "x@example.com", name: "<b>Bold</b>")
            _ = try await StandingService(app).award(CreditAction.reply, to: 1, source: "post:1")
            let page = try await Browser(app, acceptLanguage: "zh-CN").get("/pyramid").body.string
            #expect(page.contains("<svg"))
            #expect(page.contains("核心米粉"))
            #expect(page.contains("&lt;b&gt;Bold&lt;/b&gt;"))
            #expect(!page.contains("<b>Bold</b>"))
        }
    }
}

@Suite("The core team")
struct CoreTeamTests {
    @Test func admins_invite_staff_accounts_only() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "root@example.com", name: "Root", role: .admin)
            let staffID = try await app.makeUser(email: "s@example.com", name: "Staff", role: .staff).requireID()
            let memberID = try await app.makeUser(email: "m@example.com", name: "Member").requireID()
            let admin = try await app.apiToken(email: "root@example.com")
            let staff = try await app.apiToken(email: "s@example.com")
            #expect(try await app.api(.POST, "/users/\(staffID)/core-team", json: "{}", token: staff).status == .forbidden)
            let notStaff = try await app.api(.POST, "/users/\(memberID)/core-team", json: "{}", token: admin)
            #expect(notStaff.status == .conflict)
            #expect(notStaff.apiError?.error == "not_staff")
            #expect(try await app.api(.POST, "/users/\(staffID)/core-team", json: #"{"note":"Camera team lead"}"#, token: admin).status == .noContent)
            #expect(try await PyramidService(app).tier(of: staffID) == .coreTeam)
            #expect(try await PyramidService(app).history(of: staffID).first?.reason == "invited")
            #expect(try await app.api(.POST, "/users/\(staffID)/core-team", json: "{}", token: admin).status == .conflict)
        }
    }
}
