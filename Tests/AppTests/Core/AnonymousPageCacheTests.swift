import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("The anonymous page cache")
struct AnonymousPageCacheTests {
    @Test func visitors_share_a_page_until_it_expires_and_members_never_do() async throws {
        try await withTestApp({ $0.anonymousCacheSeconds = 5 }) { app in
            let first = try await Browser(app, acceptLanguage: "en").get("/")
            #expect(first.headers.first(name: "X-Canyu-Cache") == nil)
            try await app.makeUser(email: "new@example.com", name: "Newcomer")

            let cached = try await Browser(app, acceptLanguage: "en").get("/")
            #expect(cached.headers.first(name: "X-Canyu-Cache") == "hit")
            #expect(cached.body.string == first.body.string)
            #expect(!cached.body.string.contains("Newcomer"))

            // Each language has its own copy.
            let chinese = try await Browser(app, acceptLanguage: "zh-CN").get("/")
            #expect(chinese.headers.first(name: "X-Canyu-Cache") == nil)
            #expect(chinese.body.string.contains("Newcomer"))

            let member = Browser(app, acceptLanguage: "en")
            try await member.login(email: "new@example.com")
            let personal = try await member.get("/")
            #expect(personal.headers.first(name: "X-Canyu-Cache") == nil)
            #expect(personal.body.string.contains("id=\"logout\""))

            app.fixedClock.advance(by: 5.1)
            let fresh = try await Browser(app, acceptLanguage: "en").get("/")
            #expect(fresh.headers.first(name: "X-Canyu-Cache") == nil)
            #expect(fresh.body.string.contains("Newcomer"))
        }
    }
}
