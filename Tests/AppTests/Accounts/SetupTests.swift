import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("First-run setup")
struct SetupTests {
    @Test func the_first_visitor_creates_the_admin_and_the_page_closes() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            #expect((try await browser.get("/")).body.string.contains("/setup"))
            #expect((try await browser.get("/setup")).status == .ok)
            let done = try await browser.post("/setup", ["email": "root@example.com", "name": "Root", "password": "correct horse"])
            #expect(done.status == .seeOther)
            #expect(try await User.query(on: app.db).filter(\.$role == .admin).count() == 1)
            #expect((try await Browser(app).get("/setup")).status == .notFound)
            #expect(!(try await Browser(app).get("/")).body.string.contains("href=\"/setup\""))
        }
    }

    @Test func simultaneous_setups_make_one_admin() async throws {
        try await withTestApp { app in
            let service = AccountsService(app)
            let results = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        (try? await service.completeFirstRunSetup(
                            .init(email: "root\(index)@example.com", name: "Root \(index)", password: "correct horse"), locale: nil)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            let admins = try await User.query(on: app.db).filter(\.$role == .admin).count()
            #expect(results.filter { $0 }.count == 1)
            #expect(admins == 1)
        }
    }
}
