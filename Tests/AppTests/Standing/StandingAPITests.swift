import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Standing through the API and the pages")
struct StandingAPITests {
    @Test func check_in_then_read_standing_and_ledger() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let token = try await app.apiToken()
            #expect(try await app.api(.POST, "/me/check-in").status == .unauthorized)
            let checkIn = try await app.api(.POST, "/me/check-in", token: token)
            #expect(checkIn.status == .created)
            #expect(checkIn.json["streak"] as? Int == 1)
            #expect(checkIn.json["credits_awarded"] as? Int == 2)
            let again = try await app.api(.POST, "/me/check-in", token: token)
            #expect(again.status == .conflict)
            #expect(again.apiError?.error == "already_checked_in")

            let standing = try await app.api(.GET, "/users/\(fan)/standing", headers: ["Accept-Language": "en"])
            #expect(standing.json["credits"] as? Int == 2)
            #expect((standing.json["level"] as? [String: Any])?["name"] as? String == "Newcomer")
            #expect((standing.json["next_level"] as? [String: Any])?["credits_needed"] as? Int == 48)
            #expect(standing.json["checked_in_today"] as? Bool == true)
            #expect(try await app.api(.GET, "/users/999/standing").status == .notFound)

            let ledger = try await app.api(.GET, "/me/ledger?page=abc", token: token)
            #expect(ledger.json["total"] as? Int == 1)
            #expect(((ledger.json["items"] as? [[String: Any]])?.first)?["rule"] as? String == "daily_check_in")
            #expect(try await app.api(.GET, "/me/ledger?page=99999999999999", token: token).status == .ok)
        }
    }

    @Test func the_standing_page_checks_in_and_shows_the_way_to_the_next_level() async throws {
        try await withTestApp { app in
            let browser = Browser(app, acceptLanguage: "en")
            #expect((try await browser.get("/standing")).status == .seeOther)
            try await browser.register(email: "fan@example.com", name: "米粉小王")
            let before = try await browser.get("/standing")
            #expect(before.body.string.contains("id=\"check-in\""))
            let done = try await browser.post("/standing/check-in", [:])
            #expect(done.headers.first(name: .location) == "/standing?notice=checked_in")
            let after = try await browser.get("/standing?notice=checked_in").body.string
            #expect(after.contains("id=\"checked-in-today\""))
            #expect(after.contains("<p class=\"big-number\" id=\"credits\">2</p>"))
            #expect(after.contains("48 more credits to reach Member."))
            #expect(after.contains("Daily check-in"))
            let id = try #require(try await User.query(on: app.db).first()?.id)
            let profile = try await browser.get("/u/\(id)").body.string
            #expect(profile.contains("Newcomer"))
            #expect(profile.contains("2 credits"))
        }
    }
}

@Suite("Staff credit adjustments")
struct CreditAdjustmentTests {
    @Test func an_adjustment_applies_once_per_key_and_only_for_staff() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            try await app.makeUser(email: "s@example.com", name: "Staff", role: .staff)
            let staff = try await app.apiToken(email: "s@example.com")
            let member = try await app.apiToken()
            let body = #"{"amount":-15,"reason":"Spam cleanup","idempotency_key":"case-7"}"#
            #expect(try await app.api(.POST, "/users/\(fan)/credits", json: body, token: member).status == .forbidden)
            let first = try await app.api(.POST, "/users/\(fan)/credits", json: body, token: staff)
            #expect(first.status == .created)
            let retry = try await app.api(.POST, "/users/\(fan)/credits", json: body, token: staff)
            #expect(retry.status == .ok)
            #expect(retry.json["applied"] as? Bool == false)
            #expect(try await app.api(.POST, "/users/\(fan)/credits", json: #"{"amount":0,"reason":"x","idempotency_key":"k"}"#, token: staff).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/users/99999/credits", json: #"{"amount":1,"reason":"x","idempotency_key":"k"}"#, token: staff).status == .notFound)
            #expect(try await StandingService(app).ledger.balance(of: fan) == -15)
            let entry = try #require(try await CreditEntry.query(on: app.db).first())
            #expect(entry.rule == "manual" && entry.reason == "Spam cleanup" && entry.$actor.id != nil)
        }
    }
}
