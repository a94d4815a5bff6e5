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

    @Test func a_cold_page_is_rendered_once_and_a_stale_one_served_while_it_renders_again() async throws {
        let cache = AnonymousPageCache(lifetime: 5)
        let now = Date(timeIntervalSince1970: 0)
        #expect(await cache.plan("page", now: now).isRender)
        // While it renders, the next requests wait for that one rendering.
        let waiting = Task {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 { group.addTask { !(await cache.plan("page", now: now).isRender) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        cache.finish("page", page: AnonymousPage(body: ByteBuffer(string: "<html>"), contentType: "text/html"), now: now)
        #expect(try await waiting.value == Array(repeating: true, count: 20))
        // Expired: one request renders again, the others get the stale page meanwhile.
        let later = now.addingTimeInterval(6)
        #expect(await cache.plan("page", now: later).isRender)
        #expect(!(await cache.plan("page", now: later).isRender))
        // A page that can't be shared leaves the waiters to render their own.
        #expect(await cache.plan("error", now: now).isRender)
        let second = Task { await cache.plan("error", now: now).isRender }
        try await Task.sleep(for: .milliseconds(50))
        cache.finish("error", page: nil, now: now)
        #expect(await second.value)
    }
}

extension PageCache.Plan {
    var isRender: Bool { if case .render = self { true } else { false } }
}
