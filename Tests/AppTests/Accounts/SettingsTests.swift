import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("A member's settings")
struct SettingsTests {
    @Test func settings_need_a_login() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).get("/settings")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location)?.hasPrefix("/login?next=") == true)
        }
    }

    @Test func changing_the_password_ends_the_other_sessions() async throws {
        try await withTestApp { app in
            let laptop = Browser(app)
            try await laptop.register(email: "fan@example.com", name: "米粉小王")
            let phone = Browser(app)
            try await phone.login(email: "fan@example.com")
            #expect((try await phone.get("/settings")).status == .ok)

            try await laptop.get("/settings")
            let wrong = try await laptop.post("/settings/password", ["current_password": "nope nope", "new_password": "battery staple"])
            #expect(wrong.status == .unprocessableEntity)
            let changed = try await laptop.post("/settings/password", ["current_password": "correct horse", "new_password": "battery staple"])
            #expect(changed.headers.first(name: .location) == "/settings?notice=password_changed")

            #expect((try await laptop.get("/settings")).status == .ok)
            #expect((try await phone.get("/settings")).status == .seeOther)
            let relogin = Browser(app)
            #expect((try await relogin.login(email: "fan@example.com", password: "battery staple")).status == .seeOther)
        }
    }

    @Test func the_language_follows_setting_then_cookie_then_header_then_default() async throws {
        try await withTestApp { app in
            let visitor = Browser(app)
            #expect((try await visitor.get("/")).body.string.contains("<html lang=\"zh-Hans\">"))
            let english = Browser(app, acceptLanguage: "en-GB,en;q=0.9")
            #expect((try await english.get("/")).body.string.contains("<html lang=\"en\">"))
            try await english.get("/locale/zh-Hans?next=/")
            #expect((try await english.get("/")).body.string.contains("<html lang=\"zh-Hans\">"))

            let member = Browser(app)
            try await member.register(email: "fan@example.com", name: "米粉小王")
            try await member.get("/")
            let switched = try await member.post("/settings/locale", ["locale": "en", "next": "/settings"])
            #expect(switched.headers.first(name: .location) == "/settings")
            let page = try await member.get("/settings")
            #expect(page.body.string.contains("<html lang=\"en\">"))
            #expect(try await User.query(on: app.db).first()?.locale == "en")
        }
    }

    @Test func profile_edits_are_validated_and_saved() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "other@example.com", name: "Taken Name")
            let browser = Browser(app, acceptLanguage: "en")
            try await browser.register(email: "fan@example.com", name: "米粉小王")
            try await browser.get("/settings")
            let taken = try await browser.post("/settings/profile", ["name": "taken name", "bio": "", "locale": "", "time_zone": ""])
            #expect(taken.status == .conflict)
            let badZone = try await browser.post("/settings/profile", ["name": "米粉小王", "bio": "", "locale": "", "time_zone": "Mars/Olympus"])
            #expect(badZone.status == .unprocessableEntity)
            let saved = try await browser.post("/settings/profile", ["name": "米粉老王", "bio": "I **love** Fridays", "locale": "en", "time_zone": "Europe/Berlin"])
            #expect(saved.headers.first(name: .location) == "/settings?notice=profile_saved")
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "fan@example.com").first())
            #expect(user.name == "米粉老王")
            #expect(user.timeZone == "Europe/Berlin")
            let profile = try await browser.get("/u/\(try user.requireID())")
            #expect(profile.body.string.contains("<strong>love</strong>"))
        }
    }

    @Test func a_token_made_on_the_settings_page_is_shown_once_and_revocable() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            try await browser.register(email: "fan@example.com", name: "米粉小王")
            try await browser.get("/settings")
            let created = try await browser.post("/settings/tokens", ["label": "my script"])
            #expect(created.status == .created)
            let page = created.body.string
            let start = try #require(page.range(of: "<code id=\"new-token\">"))
            let token = String(page[start.upperBound...].prefix { $0 != "<" })
            #expect(try await app.api(.GET, "/me", token: token).status == .ok)
            #expect(!(try await browser.get("/settings")).body.string.contains(token))

            let id = try #require(try await UserToken.query(on: app.db).first()?.id)
            try await browser.post("/settings/tokens/\(id)/revoke", [:])
            #expect(try await app.api(.GET, "/me", token: token).status == .unauthorized)
        }
    }
}
