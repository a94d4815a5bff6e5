import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("The credits ledger")
struct CreditLedgerTests {
    @Test func the_same_source_pays_once() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            #expect(try await standing.award(CreditAction.newThread, to: fan, source: "thread:1") == .awarded(amount: 2))
            #expect(try await standing.award(CreditAction.newThread, to: fan, source: "thread:1") == .alreadyAwarded)
            #expect(try await standing.award(CreditAction.newThread, to: fan, source: "thread:2") == .awarded(amount: 2))
            #expect(try await standing.ledger.balance(of: fan) == 4)
            #expect(try await CreditEntry.query(on: app.db).count() == 2)
        }
    }

    @Test func a_daily_cap_holds_and_resets_at_the_communitys_midnight() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            var paid = 0
            for like in 1...25 {
                if case .awarded = try await standing.award(CreditAction.likeReceived, to: fan, source: "like:\(like)") { paid += 1 }
            }
            #expect(paid == 20)
            #expect(try await standing.award(CreditAction.likeReceived, to: fan, source: "like:26") == .capReached)
            app.fixedClock.advance(by: 86_400)
            #expect(try await standing.award(CreditAction.likeReceived, to: fan, source: "like:27") == .awarded(amount: 1))
            #expect(try await standing.ledger.balance(of: fan) == 21)
        }
    }

    @Test func a_once_rule_pays_once_ever() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            #expect(try await standing.award(CreditAction.emailVerified, to: fan, source: "email:1") == .awarded(amount: 10))
            app.fixedClock.advance(by: 400 * 86_400)
            #expect(try await standing.award(CreditAction.emailVerified, to: fan, source: "email:2") == .capReached)
            #expect(try await standing.ledger.balance(of: fan) == 10)
        }
    }

    @Test func simultaneous_awards_keep_the_balance_exact() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            // 64 different replies and the same 16 replies again, all at once.
            let outcomes = try await withThrowingTaskGroup(of: CreditLedger.Outcome.self) { group in
                for index in 0..<80 {
                    group.addTask { try await standing.award(CreditAction.reply, to: fan, source: "post:\(index % 64)") }
                }
                return try await group.reduce(into: [CreditLedger.Outcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .awarded(amount: 1) }.count == 64)
            #expect(outcomes.filter { $0 == .alreadyAwarded }.count == 16)
            #expect(try await standing.ledger.balance(of: fan) == 64)
            // Summed here: PostgreSQL's SUM of a bigint is a numeric, which Fluent won't decode as Int.
            let ledgerSum = try await CreditEntry.query(on: app.db).filter(\.$user.$id == fan).all(\.$amount).reduce(0, +)
            #expect(ledgerSum == 64)
            // This week's and this month's leaderboard totals moved by exactly the same.
            let totals = try await (app.db as! any SQLDatabase).raw("SELECT total FROM credit_period_totals WHERE user_id = \(bind: fan)")
                .all().map { try $0.decode(column: "total", as: Int.self) }
            #expect(totals == [64, 64])
        }
    }

    /// The member check is part of the ledger's batch: an award for nobody fails on its own and
    /// its neighbours in the same batch are paid.
    @Test func simultaneous_awards_for_a_missing_member_fail_alone() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            let results = await withTaskGroup(of: Result<CreditLedger.Outcome, any Error>.self) { group in
                for index in 0..<40 {
                    let member = index % 4 == 0 ? 999_999 : fan
                    group.addTask {
                        do { return .success(try await standing.award(CreditAction.reply, to: member, source: "post:\(index)")) }
                        catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: [Result<CreditLedger.Outcome, any Error>]()) { $0.append($1) }
            }
            let paid = results.filter { (try? $0.get()) == .awarded(amount: 1) }.count
            let missing = results.filter { if case .failure(let error) = $0 { (error as? CoreError) == .notFound } else { false } }.count
            #expect(paid == 30)
            #expect(missing == 10)
            #expect(try await standing.ledger.balance(of: fan) == 30)
            #expect(try await CreditEntry.query(on: app.db).count() == 30)
        }
    }

    @Test func simultaneous_capped_awards_never_exceed_the_cap() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            let outcomes = try await withThrowingTaskGroup(of: CreditLedger.Outcome.self) { group in
                for index in 0..<40 {
                    group.addTask { try await standing.award(CreditAction.likeReceived, to: fan, source: "like:\(index)") }
                }
                return try await group.reduce(into: [CreditLedger.Outcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .awarded(amount: 1) }.count == 20)
            #expect(outcomes.filter { $0 == .capReached }.count == 20)
            #expect(try await standing.ledger.balance(of: fan) == 20)
        }
    }

    @Test func a_disabled_rule_pays_nothing_and_an_unknown_one_is_an_error() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let rule = try #require(try await CreditRule.query(on: app.db).filter(\.$action == CreditAction.reply).first())
            rule.enabled = false
            try await rule.update(on: app.db)
            let standing = StandingService(app)
            #expect(try await standing.award(CreditAction.reply, to: fan, source: "post:1") == .ruleDisabled)
            await #expect(throws: StandingError.unknownRule("no_such_rule")) {
                try await standing.award("no_such_rule", to: fan, source: "x")
            }
        }
    }
}
