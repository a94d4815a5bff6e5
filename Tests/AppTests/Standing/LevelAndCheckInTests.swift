import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Levels and check-in")
struct LevelAndCheckInTests {
    @Test(arguments: [
        (-5, "限制会员", "新手上路"), (0, "新手上路", "注册会员"), (49, "新手上路", "注册会员"), (50, "注册会员", "中级会员"),
        (999, "高级会员", "金牌会员"), (1000, "金牌会员", "论坛元老"), (5000, "论坛元老", nil),
    ])
    func levels_follow_the_discuz_thresholds(credits: Int, level: String, next: String?) async throws {
        try await withTestApp { app in
            let progress = try await StandingService(app).progress(for: credits)
            #expect(progress.level.nameZh == level)
            #expect(progress.next?.nameZh == next)
        }
    }

    @Test func a_deduction_below_zero_restricts_the_member() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            _ = try await standing.award(CreditAction.threadRemoved, to: fan, source: "thread:9", reason: "spam")
            let summary = try await standing.summary(of: fan)
            #expect(summary.credits == -20)
            #expect(summary.progress.level.nameEn == "Restricted")
        }
    }

    @Test func the_streak_grows_day_by_day_and_breaks_after_a_missed_day() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            #expect(try await standing.checkIn(fan).streak == 1)
            await #expect(throws: StandingError.alreadyCheckedIn) { try await standing.checkIn(fan) }
            app.fixedClock.advance(by: 86_400)
            let second = try await standing.checkIn(fan)
            #expect(second.streak == 2)
            #expect(second.creditsAwarded == 2)
            app.fixedClock.advance(by: 2 * 86_400)
            let restarted = try await standing.checkIn(fan)
            #expect(restarted.streak == 1)
            #expect(restarted.longestStreak == 2)
            #expect(restarted.balance == 6)
        }
    }

    @Test func the_day_turns_at_midnight_in_the_community_time_zone() async throws {
        // 2026-11-18 15:59 UTC is 23:59 in Shanghai; two minutes later it is the next day there.
        try await withTestApp({ $0.timeZone = TimeZone(identifier: "Asia/Shanghai")! }) { app in
            app.clock = FixedClock(Date(timeIntervalSince1970: 1_795_017_540))
            let fan = try await app.makeUser().requireID()
            let standing = StandingService(app)
            _ = try await standing.checkIn(fan)
            app.fixedClock.advance(by: 120)
            #expect(try await standing.checkIn(fan).streak == 2)
        }
    }

    @Test func twenty_simultaneous_check_ins_credit_exactly_once() async throws {
        try await withTestApp { app in
            let fan = try await app.makeUser().requireID()
            let token = try await app.apiToken()
            try await withRunningServer(app) { base in
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for _ in 0..<20 {
                        group.addTask {
                            try await app.client.post(URI(string: base + "/api/v1/me/check-in")) { req in
                                req.headers.bearerAuthorization = .init(token: token)
                            }.status.code
                        }
                    }
                    return try await group.reduce(into: [UInt]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 201 }.count == 1)
                #expect(statuses.filter { $0 == 409 }.count == 19)
            }
            #expect(try await StandingService(app).ledger.balance(of: fan) == 2)
            #expect(try await CheckIn.query(on: app.db).count() == 1)
        }
    }
}
