import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("The fan pyramid")
struct PyramidTests {
    /// A member who joined `daysAgo` days before the test clock, with `credits` from replies.
    private func member(_ app: Application, _ name: String, daysAgo: Int, replies: Int = 0, checkIns: Int = 0) async throws -> Int {
        let user = try await app.makeUser(email: "\(name)@example.com", name: name)
        user.createdAt = app.clock.now().addingTimeInterval(-Double(daysAgo) * 86_400)
        try await user.update(on: app.db)
        let id = try user.requireID()
        let standing = StandingService(app)
        for index in 0..<replies { _ = try await standing.award(CreditAction.reply, to: id, source: "post:\(name):\(index)") }
        for day in 0..<checkIns {
            try await CheckIn(userID: id, day: "2020-01-\(String(format: "%02d", day + 1))", streak: 1, createdAt: testEpoch).create(on: app.db)
        }
        return id
    }

    @Test func the_review_promotes_by_conditions_and_logs_why() async throws {
        try await withTestApp { app in
            let pyramid = PyramidService(app)
            let newcomer = try await member(app, "newcomer", daysAgo: 2, replies: 60)
            let fan = try await member(app, "fan", daysAgo: 10, replies: 60)
            let core = try await member(app, "core", daysAgo: 40, replies: 210, checkIns: 10)
            let report = try await pyramid.review([newcomer, fan, core])
            #expect(Set(report.promoted) == [fan, core])
            #expect(try await pyramid.tier(of: newcomer) == .user)
            #expect(try await pyramid.tier(of: fan) == .fan)
            #expect(try await pyramid.tier(of: core) == .coreFan)
            let log = try await pyramid.history(of: core)
            #expect(log.first?.reason == "conditions_met")
            #expect(log.first?.fromTier == .user && log.first?.toTier == .coreFan)
            #expect(try await pyramid.privileges(of: core).voteWeight == 2)
            #expect(try await pyramid.privileges(of: newcomer).weeklyBuilds == false)
        }
    }

    @Test func a_full_tier_queues_first_come_first_served() async throws {
        try await withTestApp { app in
            let rule = try #require(try await TierRule.query(on: app.db).filter(\.$tier == .fan).first())
            rule.quota = 1
            try await rule.update(on: app.db)
            let pyramid = PyramidService(app)
            let first = try await member(app, "first", daysAgo: 10, replies: 60)
            let second = try await member(app, "second", daysAgo: 10, replies: 60)
            let third = try await member(app, "third", daysAgo: 10, replies: 60)
            _ = try await pyramid.review([first])
            app.fixedClock.advance(by: 60)
            _ = try await pyramid.review([second])
            app.fixedClock.advance(by: 60)
            let report = try await pyramid.review([third])
            #expect(report.queued == [third])
            #expect(try await pyramid.queuePosition(of: second)?.position == 1)
            #expect(try await pyramid.queuePosition(of: third)?.position == 2)

            try await pyramid.setTier(first, to: .user, reason: "staff_decision")
            let freed = try await pyramid.review([])
            #expect(freed.promoted == [second])
            #expect(try await pyramid.tier(of: third) == .user)
            #expect(try await pyramid.queuePosition(of: second) == nil)
        }
    }

    @Test func applications_are_reviewed_by_staff_with_a_cooldown_after_decline() async throws {
        try await withTestApp { app in
            let pyramid = PyramidService(app)
            let staff = try await app.makeUser(email: "staff@example.com", name: "Staff", role: .staff)
            let other = try await app.makeUser(email: "m@example.com", name: "Plain member")
            let applicant = try await member(app, "applicant", daysAgo: 100, replies: 600)
            let weak = try await member(app, "weak", daysAgo: 5, replies: 3)

            await #expect(throws: PyramidError.notEligible) { try await pyramid.apply(weak, statement: "I would like to help test builds every week.") }
            await #expect(throws: CoreError.self) { try await pyramid.apply(applicant, statement: "too short") }
            let application = try await pyramid.apply(applicant, statement: "I have filed forty bugs with logs this year.")
            await #expect(throws: PyramidError.applicationPending) { try await pyramid.apply(applicant, statement: "Once more, with feeling and logs.") }

            let id = try application.requireID()
            await #expect(throws: CoreError.forbidden) { try await pyramid.decide(id, approve: true, note: nil, reviewer: other) }
            await #expect(throws: CoreError.self) { try await pyramid.decide(id, approve: false, note: " ", reviewer: staff) }
            _ = try await pyramid.decide(id, approve: false, note: "Please attach logs to your reports first.", reviewer: staff)
            await #expect(throws: PyramidError.alreadyDecided) { try await pyramid.decide(id, approve: true, note: nil, reviewer: staff) }
            #expect(try await pyramid.tier(of: applicant) == .user)

            app.fixedClock.advance(by: 29 * 86_400)
            await #expect(throws: PyramidError.self) { try await pyramid.apply(applicant, statement: "I have filed forty bugs with logs this year.") }
            app.fixedClock.advance(by: 2 * 86_400)
            let again = try await pyramid.apply(applicant, statement: "Now with logs on every one of my reports.")
            _ = try await pyramid.decide(try again.requireID(), approve: true, note: "Welcome!", reviewer: staff)
            #expect(try await pyramid.tier(of: applicant) == .honoraryDeveloper)
            #expect(try await pyramid.history(of: applicant).first?.reason == "application_approved")
            #expect(try await pyramid.privileges(of: applicant).closedBeta)
        }
    }

    @Test func two_staff_deciding_at_once_decide_once() async throws {
        try await withTestApp { app in
            let pyramid = PyramidService(app)
            let staffA = try await app.makeUser(email: "a@example.com", name: "Staff A", role: .staff)
            let staffB = try await app.makeUser(email: "b@example.com", name: "Staff B", role: .admin)
            let applicant = try await member(app, "applicant", daysAgo: 100, replies: 600)
            let id = try await pyramid.apply(applicant, statement: "I have filed forty bugs with logs this year.").requireID()
            let results = await withTaskGroup(of: Bool.self) { group in
                group.addTask { (try? await pyramid.decide(id, approve: true, note: "yes", reviewer: staffA)) != nil }
                group.addTask { (try? await pyramid.decide(id, approve: false, note: "no", reviewer: staffB)) != nil }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
        }
    }

    @Test func missing_the_weekly_duty_twice_moves_a_core_fan_back() async throws {
        try await withTestApp { app in
            let pyramid = PyramidService(app)
            let standing = StandingService(app)
            let core = try await member(app, "core", daysAgo: 40)
            try await pyramid.setTier(core, to: .coreFan, reason: "conditions_met")
            // The week it joined is exempt.
            app.fixedClock.advance(by: 7 * 86_400)
            #expect(try await pyramid.checkWeeklyDuty().isEmpty)
            // A week with a reply: duty met.
            _ = try await standing.award(CreditAction.reply, to: core, source: "post:1")
            app.fixedClock.advance(by: 7 * 86_400)
            #expect(try await pyramid.checkWeeklyDuty().isEmpty)
            // Two empty weeks: a warning, then back to fan with a 30-day cooldown.
            app.fixedClock.advance(by: 7 * 86_400)
            #expect(try await pyramid.checkWeeklyDuty().isEmpty)
            #expect(try await pyramid.dutyStatus(of: core)?.missedWeeks == 1)
            app.fixedClock.advance(by: 7 * 86_400)
            #expect(try await pyramid.checkWeeklyDuty() == [core])
            #expect(try await pyramid.tier(of: core) == .fan)
            #expect(try await pyramid.history(of: core).first?.reason == "duty_missed")
        }
    }

    @Test func quitting_waits_fourteen_days_before_the_review_promotes_again() async throws {
        try await withTestApp { app in
            let pyramid = PyramidService(app)
            let core = try await member(app, "core", daysAgo: 40, replies: 210, checkIns: 10)
            _ = try await pyramid.review([core])
            try await pyramid.quitWeeklyRing(core)
            #expect(try await pyramid.tier(of: core) == .fan)
            _ = try await StandingService(app).award(CreditAction.reply, to: core, source: "post:new")
            _ = try await pyramid.review([core])
            #expect(try await pyramid.tier(of: core) == .fan)
            app.fixedClock.advance(by: 15 * 86_400)
            for index in 0..<5 { _ = try await StandingService(app).award(CreditAction.reply, to: core, source: "post:later:\(index)") }
            _ = try await pyramid.review([core])
            #expect(try await pyramid.tier(of: core) == .coreFan)
        }
    }

    @Test func the_incremental_review_looks_only_at_changed_members() async throws {
        try await withTestApp { app in
            let pyramid = PyramidService(app)
            _ = try await member(app, "quiet", daysAgo: 300)
            let first = try await pyramid.reviewChanged()
            #expect(first.reviewed == 1)
            app.fixedClock.advance(by: 86_400)
            let active = try await member(app, "active", daysAgo: 300, replies: 60)
            let second = try await pyramid.reviewChanged()
            #expect(second.reviewed == 1)
            #expect(second.report.promoted == [active])
            // A member who just became old enough is picked up without any new activity.
            let young = try await member(app, "young", daysAgo: 5, replies: 60)
            app.fixedClock.advance(by: 86_400)
            #expect(try await pyramid.reviewChanged().report.promoted.isEmpty)  // active, but 6 days old
            app.fixedClock.advance(by: 1.5 * 86_400)
            let third = try await pyramid.reviewChanged()
            #expect(third.reviewed == 1)
            #expect(third.report.promoted == [young])
        }
    }
}

@Suite("The pyramid queue")
struct PyramidQueueTests {
    @Test func reaching_a_tier_leaves_only_the_queues_of_tiers_below_it() async throws {
        try await withTestApp { app in
            let id = try await app.makeUser().requireID()
            let now = app.clock.now()
            try await TierQueueEntry(userID: id, tier: .fan, queuedAt: now).create(on: app.db)
            try await TierQueueEntry(userID: id, tier: .coreFan, queuedAt: now).create(on: app.db)
            try await PyramidService(app).setTier(id, to: .fan, reason: "staff_decision")
            // 'core_fan' sorts before 'fan' as text; the core fan queue must survive.
            #expect(try await TierQueueEntry.query(on: app.db).all(\.$tier) == [.coreFan])
        }
    }
}

@Suite("The full review")
struct FullReviewTests {
    @Test func the_full_review_promotes_queues_and_grants_medals_in_bulk() async throws {
        try await withTestApp { app in
            let fanRule = try #require(try await TierRule.query(on: app.db).filter(\.$tier == .fan).first())
            fanRule.quota = 2
            try await fanRule.update(on: app.db)
            let standing = StandingService(app)
            var ids: [Int] = []
            for index in 0..<4 {
                let user = try await app.makeUser(email: "m\(index)@example.com", name: "Member \(index)")
                user.createdAt = app.clock.now().addingTimeInterval(-40 * 86_400)
                try await user.update(on: app.db)
                let id = try user.requireID()
                ids.append(id)
                // Member 3 earns enough for the forum-veteran medal.
                for post in 0..<(index == 3 ? 1600 : 30) { _ = try await standing.award(CreditAction.newThread, to: id, source: "t:\(post)") }
            }
            let report = try await PyramidService(app).reviewEveryone()
            #expect(report.promoted == [ids[0], ids[1]])
            #expect(report.queued == [ids[2], ids[3]])
            #expect(try await PyramidService(app).history(of: ids[0]).first?.reason == "conditions_met")
            #expect(try await MedalService(app).held(by: ids[3]).map(\.0.key) == ["forum_veteran"])
            #expect(try await MedalEvent.query(on: app.db).count() == 1)
            // Running it again changes nothing.
            let again = try await PyramidService(app).reviewEveryone()
            #expect(again.promoted.isEmpty)
            #expect(try await TierChange.query(on: app.db).count() == 2)
            #expect(try await TierQueueEntry.query(on: app.db).count() == 2)
        }
    }
}
