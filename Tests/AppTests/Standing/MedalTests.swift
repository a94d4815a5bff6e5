import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Medals")
struct MedalTests {
    @Test func a_seven_day_streak_earns_its_medal_once() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            for day in 1...7 {
                _ = try await standing.checkIn(fan)
                let held = try await MedalService(app).held(by: fan).map(\.0.key)
                #expect(held.contains("streak_7") == (day == 7), "day \(day)")
                app.fixedClock.advance(by: 86_400)
            }
            _ = try await standing.checkIn(fan)
            #expect(try await MedalEvent.query(on: app.db).filter(\.$action == .granted).count() == 1)
        }
    }

    @Test func staff_grant_and_revoke_by_hand_with_a_logged_reason() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let staff = try await app.makeUser(email: "s@example.com", name: "Staff", role: .staff)
            let member = try await app.makeUser(email: "m@example.com", name: "Member")
            let medals = MedalService(app)
            await #expect(throws: CoreError.forbidden) { try await medals.grantByHand("helpful_member", to: fan, reason: "x", by: member) }
            await #expect(throws: CoreError.self) { try await medals.grantByHand("helpful_member", to: fan, reason: "  ", by: staff) }
            await #expect(throws: CoreError.notFound) { try await medals.grantByHand("no_such_medal", to: fan, reason: "x", by: staff) }
            try await medals.grantByHand("helpful_member", to: fan, reason: "Answered 50 questions", by: staff)
            await #expect(throws: MedalError.alreadyHeld) { try await medals.grantByHand("helpful_member", to: fan, reason: "again", by: staff) }
            try await medals.revoke("helpful_member", from: fan, reason: "Granted by mistake", by: staff)
            #expect(try await medals.held(by: fan).isEmpty)
            await #expect(throws: MedalError.notHeld) { try await medals.revoke("helpful_member", from: fan, reason: "again", by: staff) }
            let log = try await MedalEvent.query(on: app.db).sort(\.$id).all()
            #expect(log.map(\.action) == [.granted, .revoked])
            #expect(log.last?.reason == "Granted by mistake")
            #expect(log.last?.$actor.id == staff.id)
        }
    }

    @Test func a_medal_with_a_validity_expires() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let staff = try await app.makeUser(email: "s@example.com", name: "Staff", role: .admin)
            try await MedalService(app).grantByHand("great_moderator", to: fan, reason: "A great year", by: staff)
            app.fixedClock.advance(by: 364 * 86_400)
            #expect(try await MedalService(app).held(by: fan).count == 1)
            app.fixedClock.advance(by: 2 * 86_400)
            #expect(try await MedalService(app).held(by: fan).isEmpty)
            // Once expired it can be granted again.
            try await MedalService(app).grantByHand("great_moderator", to: fan, reason: "Another great year", by: staff)
        }
    }

    @Test func medals_show_on_the_profile_and_in_the_api_and_staff_grant_on_the_page() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            try await app.makeUser(email: "s@example.com", name: "Staff", role: .staff)
            let staff = Browser(app, acceptLanguage: "en")
            try await staff.login(email: "s@example.com")
            let profile = try await staff.get("/u/\(fan)").body.string
            #expect(profile.contains("id=\"grant-medal\""))
            let missing = try await staff.post("/u/\(fan)/medals", ["medal": "promoter", "reason": ""])
            #expect(missing.status == .unprocessableEntity)
            let granted = try await staff.post("/u/\(fan)/medals", ["medal": "promoter", "reason": "Brought 30 fans"])
            #expect(granted.headers.first(name: .location) == "/u/\(fan)?notice=medals_saved")
            let visitor = try await Browser(app, acceptLanguage: "en").get("/u/\(fan)").body.string
            #expect(visitor.contains("Promoter"))
            #expect(visitor.contains("src=\"data:image/svg+xml;base64,"))
            #expect(!visitor.contains("id=\"grant-medal\""))

            let standing = try await app.api(.GET, "/users/\(fan)/standing")
            #expect((standing.json["medals"] as? [[String: Any]])?.first?["key"] as? String == "promoter")
            let token = try await app.apiToken(email: "s@example.com")
            let revoke = try await app.api(.POST, "/users/\(fan)/medals/promoter/revoke", json: #"{"reason":"Mistake"}"#, token: token)
            #expect(revoke.status == .noContent)
            let memberToken = try await app.apiToken()
            let forbidden = try await app.api(.POST, "/users/\(fan)/medals", json: #"{"medal":"promoter","reason":"self"}"#, token: memberToken)
            #expect(forbidden.status == .forbidden)
            #expect(try await app.api(.GET, "/medals").body.string.contains("streak_100"))
        }
    }
}
