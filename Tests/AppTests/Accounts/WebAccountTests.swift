import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Register, log in and out on the web")
struct WebAccountTests {
    @Test func register_logs_in_and_logout_ends_the_session() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            let registered = try await browser.register(email: "fan@example.com", name: "米粉小王")
            #expect(registered.status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.body.string.contains("id=\"logout\""))
            let session = try #require(browser.cookies[WebSessions.cookieName])
            #expect(try await WebSession.query(on: app.db).count() == 1)

            try await browser.post("/logout", [:])
            #expect(browser.cookies[WebSessions.cookieName] == nil)
            #expect(try await WebSession.find(SecureToken.hash(session), on: app.db) == nil)
            #expect(!(try await browser.get("/")).body.string.contains("id=\"logout\""))

            let login = try await browser.login(email: "fan@example.com")
            #expect(login.status == .seeOther)
            #expect((try await browser.get("/")).body.string.contains("id=\"logout\""))
        }
    }

    @Test func the_session_cookie_is_httponly_lax_and_secure_on_https() async throws {
        try await withTestApp({ $0.baseURL = URL(string: "https://fans.example.com")! }) { app in
            let browser = Browser(app)
            try await browser.get("/register")
            let response = try await browser.post("/register", ["email": "a@example.com", "name": "Alpha", "password": "correct horse"])
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix(WebSessions.cookieName) })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Secure"))
        }
    }

    @Test func a_form_without_a_valid_csrf_token_gets_403_and_changes_nothing() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            try await browser.get("/register")
            let missing = try await browser.post("/register", ["email": "a@example.com", "name": "Alpha", "password": "correct horse"], csrf: false)
            #expect(missing.status == .forbidden)
            let forged = try await browser.post("/register", ["email": "a@example.com", "name": "Alpha", "password": "correct horse", "_csrf": "forged"])
            #expect(forged.status == .forbidden)
            #expect(try await User.query(on: app.db).count() == 0)

            try await browser.register(email: "b@example.com", name: "Bravo")
            let before = try await User.query(on: app.db).filter(\.$email == "b@example.com").first()?.bio
            let change = try await browser.post("/settings/profile", ["name": "Bravo", "bio": "changed", "_csrf": "wrong"])
            #expect(change.status == .forbidden)
            #expect(try await User.query(on: app.db).filter(\.$email == "b@example.com").first()?.bio == before)
        }
    }

    @Test func a_broken_rule_re_renders_the_form_with_the_message() async throws {
        try await withTestApp { app in
            let browser = Browser(app, acceptLanguage: "en")
            try await browser.get("/register")
            let response = try await browser.post("/register", ["email": "a@example.com", "name": "Alpha", "password": "short"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("at least 8 characters"))
            #expect(response.body.string.contains("value=\"a@example.com\""))
        }
    }

    @Test func ten_failures_for_an_account_lock_it_for_fifteen_minutes() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "fan@example.com")
            let browser = Browser(app, acceptLanguage: "en")
            try await browser.get("/login")
            for _ in 0..<10 {
                let failed = try await browser.post("/login", ["email": "fan@example.com", "password": "wrong password"])
                #expect(failed.status == .unauthorized)
            }
            let blocked = try await browser.post("/login", ["email": "fan@example.com", "password": "correct horse"])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: "Retry-After") == "900")
            #expect(blocked.body.string.contains("Try again in 15 minute(s)"))

            app.fixedClock.advance(by: 15 * 60 + 1)
            let allowed = try await browser.post("/login", ["email": "fan@example.com", "password": "correct horse"])
            #expect(allowed.status == .seeOther)
        }
    }

    @Test func ten_failures_from_one_address_throttle_every_account_from_it() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "fan@example.com")
            for index in 0..<10 {
                let response = try await app.api(.POST, "/tokens", json: #"{"email":"nobody\#(index)@example.com","password":"guess guess","label":"x"}"#)
                #expect(response.status == .unauthorized)
            }
            let blocked = try await app.api(.POST, "/tokens", json: #"{"email":"fan@example.com","password":"correct horse","label":"x"}"#)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.apiError?.error == "too_many_requests")
            #expect(blocked.headers.first(name: "Retry-After") != nil)
        }
    }

    @Test func next_only_redirects_within_the_site() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "fan@example.com")
            let browser = Browser(app)
            try await browser.get("/login?next=//evil.example.com")
            let response = try await browser.post("/login?next=//evil.example.com", ["email": "fan@example.com", "password": "correct horse"])
            #expect(response.headers.first(name: .location) == "/")
            #expect(SiteURL.safeNext("/settings") == "/settings")
            #expect(SiteURL.safeNext("https://evil.example.com") == nil)
        }
    }
}
