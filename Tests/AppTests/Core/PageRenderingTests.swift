import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Every page renders whole, in both languages")
struct PageRenderingTests {
    @Test(arguments: ["zh-CN", "en"])
    func pages_render_to_the_end(language: String) async throws {
        try await withTestApp { app in
            let visitor = Browser(app, acceptLanguage: language)
            for path in ["/", "/login", "/register", "/setup", "/pyramid", "/no-such-page"] {
                let page = try await visitor.get(path).body.string
                #expect(page.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</html>"), "\(path) was cut short")
                #expect(page.contains("data-locale=\"en\""), "\(path) lacks the language switch")
            }
            let member = Browser(app, acceptLanguage: language)
            try await member.register(email: "fan@example.com", name: "米粉小王")
            let id = try #require(try await User.query(on: app.db).first()?.id)
            for path in ["/", "/settings", "/standing", "/u/\(id)"] {
                let page = try await member.get(path).body.string
                #expect(page.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</html>"), "\(path) was cut short for a member")
                #expect(page.contains("id=\"logout\""))
                #expect(!page.contains("#t("), "\(path) shows a raw tag")
            }
        }
    }
}
