import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("The demo community")
struct DemoTests {
    private func seededNames() async throws -> [String] {
        var names: [String] = []
        try await withTestApp { app in
            _ = try await DemoSeeder.run(app) { _ in }
            names = try await User.query(on: app.db).sort(\.$id).all().map(\.name)
            #expect(try await User.query(on: app.db).filter(\.$role == .admin).count() == 1)
            #expect(try await User.query(on: app.db).filter(\.$role == .moderator).count() == 1)
            #expect(try await User.query(on: app.db).filter(\.$role == .staff).count() == 1)
            let fan = try #require(try await User.query(on: app.db).filter(\.$email == "fan@canyu.example").first())
            #expect(try await app.passwordHasher.verify(DemoContext.password, against: fan.passwordHash))
            // The pyramid has every tier, and the ledger and the balances agree.
            for tier in [Tier.fan, .coreFan, .honoraryDeveloper, .coreTeam] {
                #expect(try await MemberTier.query(on: app.db).filter(\.$tier == tier).count() > 0, "no \(tier)")
            }
            #expect(try await TierApplication.query(on: app.db).filter(\.$user.$id == fan.requireID()).filter(\.$status == .pending).count() == 1)
            let ledger = try await CreditEntry.query(on: app.db).all(\.$amount).reduce(0, +)
            let balances = try await CreditBalance.query(on: app.db).all(\.$balance).reduce(0, +)
            #expect(ledger == balances)
            #expect(ledger > 0)
            // Twelve weeks of builds per product, each with its four-grid results; awards given;
            // one stable build mid-rollout; this week's build on the train.
            for product in try await Product.query(on: app.db).all() {
                let published = try await Release.query(on: app.db).filter(\.$product.$id == product.requireID()).filter(\.$weeklyAt != nil).all()
                #expect(published.count >= ReleasesDemoStep.weeks)
                #expect(published.allSatisfy { $0.reportCount >= 1_000 && $0.ratings.reduce(0, +) == $0.reportCount })
                #expect(published.filter { $0.popcornChangeID != nil }.count >= ReleasesDemoStep.weeks - 1)
                #expect(published.contains { $0.ring == .stable && $0.rolloutPercent < 100 })
            }
            let reports = try await FourGridReport.query(on: app.db).count()
            let counted = try await Release.query(on: app.db).all(\.$reportCount).reduce(0, +)
            #expect(reports == counted)
            // Hundreds of bugs per product across statuses, crowds on the hot ones, counts that
            // match their rows, fixes verified, duplicates marked.
            for product in try await Product.query(on: app.db).all() {
                let bugs = try await App.Bug.query(on: app.db).filter(\.$product.$id == product.requireID()).all()
                #expect(bugs.count == BugsDemoStep.bugsPerProduct)
                #expect(Set(bugs.map(\.status)).count >= 7)
                #expect(bugs.contains { $0.meTooCount >= 80 })
                #expect(bugs.contains { $0.status == .verified && $0.verifiedCount >= BugRules.verificationsNeeded })
                #expect(bugs.allSatisfy { $0.status != .new || $0.qualifiedMeTooCount < BugRules.confirmMeToos })
            }
            #expect(try await app.tallyMismatches() == 0)
            let meToos = try await BugMeToo.query(on: app.db).count()
            #expect(meToos == (try await App.Bug.query(on: app.db).all(\.$meTooCount).reduce(0, +)))
        }
        return names
    }

    @Test func seeding_is_deterministic_with_chinese_and_english_names() async throws {
        let first = try await seededNames()
        let second = try await seededNames()
        #expect(first.count == MembersDemoStep.memberCount + ReleasesDemoStep.testerCount)
        #expect(first == second)
        #expect(first.contains { $0.unicodeScalars.contains { $0.properties.isIdeographic } })
        #expect(first.contains { $0.unicodeScalars.allSatisfy { $0.isASCII || $0 == "ü" || $0 == "á" } })
        #expect(Set(first.map(AccountRules.nameKey)).count == first.count)
    }
}
