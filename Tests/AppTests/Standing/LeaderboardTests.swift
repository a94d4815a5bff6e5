import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The boards without an index in their order: highest first, ties by member id, names looked
/// up for the few shown; deductions lower the balance but not the week's effort.
@Suite("Leaderboards")
struct LeaderboardTests {
    @Test func boards_rank_by_credits_with_ties_by_member_and_count_only_earnings_in_periods() async throws {
        try await withTestApp { app in
            let standing = StandingService(app)
            var members: [Int] = []
            for (index, replies) in [3, 5, 5, 1].enumerated() {
                let member = try await app.makeUser(email: "m\(index)@example.com", name: "Member \(index)").requireID()
                members.append(member)
                for reply in 0..<replies { _ = try await standing.award(CreditAction.reply, to: member, source: "post:\(index)-\(reply)") }
            }
            let now = app.clock.now()
            let zone = app.config.timeZone
            let all = try await Leaderboard.all.top(3, on: app.db, now: now, timeZone: zone)
            #expect(all.map(\.user_id) == [members[1], members[2], members[0]])
            #expect(all.map(\.value) == [5, 5, 3])
            #expect(all.first?.name == "Member 1")

            // A moderation deduction takes credits away but leaves what was earned this week.
            _ = try await standing.award(CreditAction.replyRemoved, to: members[1], source: "post:1-0")
            let after = try await Leaderboard.all.top(10, on: app.db, now: now, timeZone: zone)
            #expect(after.map(\.user_id) == [members[2], members[0], members[3], members[1]])
            #expect(after.map(\.value) == [5, 3, 1, 0])
            let week = try await Leaderboard.week.top(10, on: app.db, now: now, timeZone: zone)
            #expect(week.map(\.user_id) == [members[1], members[2], members[0], members[3]])
            #expect(week.map(\.value) == [5, 5, 3, 1])
            let month = try await Leaderboard.month.top(2, on: app.db, now: now, timeZone: zone)
            #expect(month.map(\.user_id) == [members[1], members[2]])
        }
    }

    @Test func weekly_totals_count_earnings_in_the_current_week_only() async throws {
        try await withTestApp { app in
            let a = try await app.makeUser(email: "a@example.com", name: "Alpha").requireID()
            let b = try await app.makeUser(email: "b@example.com", name: "Bravo").requireID()
            let standing = StandingService(app)
            for index in 0..<5 { _ = try await standing.award(CreditAction.reply, to: a, source: "p:\(index)") }
            _ = try await standing.award(CreditAction.threadRemoved, to: a, source: "t:9")  // -20 doesn't count
            app.fixedClock.advance(by: 8 * 86_400)
            for index in 0..<3 { _ = try await standing.award(CreditAction.newThread, to: b, source: "t:\(index)") }
            let week = try await Leaderboard.week.top(10, on: app.db, now: app.clock.now(), timeZone: app.config.timeZone)
            #expect(week.map(\.user_id) == [b])
            #expect(week.first?.value == 6)
            let all = try await Leaderboard.all.top(10, on: app.db, now: app.clock.now(), timeZone: app.config.timeZone)
            #expect(all.map(\.user_id) == [b, a])
            #expect(all.last?.value == -15)
        }
    }

    @Test func the_streak_board_keeps_each_members_longest() async throws {
        try await withTestApp { app in
            let a = try await app.makeUser(email: "a@example.com", name: "Alpha").requireID()
            let standing = StandingService(app)
            for _ in 0..<3 {
                _ = try await standing.checkIn(a)
                app.fixedClock.advance(by: 86_400)
            }
            app.fixedClock.advance(by: 3 * 86_400)
            _ = try await standing.checkIn(a)
            let board = try await Leaderboard.streaks.top(10, on: app.db, now: app.clock.now(), timeZone: app.config.timeZone)
            #expect(board.first?.value == 3)
        }
    }
}
