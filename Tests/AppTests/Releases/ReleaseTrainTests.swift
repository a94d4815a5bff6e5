import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Releases: the weekly train")
struct ReleaseTrainTests {
    @Test func the_train_runs_each_phase_once_at_its_time() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            app.setClock(app.communityDate(2026, 11, 23, 9))  // Monday
            _ = try await app.releases.calendar(of: fixture.product.requireID())
            let train = ReleaseTrain(app.releases)
            try await train.tick()
            #expect(try await TrainRun.query(on: app.db).count() == 0)

            // Tuesday 10:00: the report phase runs; no build was published last week.
            app.setClock(app.communityDate(2026, 11, 24, 10, 1))
            try await train.tick()
            #expect(try await TrainRun.query(on: app.db).filter(\.$phase == .report).first()?.state == "done")

            // Wednesday 18:00: the preview thread; Thursday 18:00: the closed beta.
            app.setClock(app.communityDate(2026, 11, 25, 18, 0))
            try await train.tick()
            var release = try await app.releases.release(fixture.releaseID)
            #expect(release.previewThreadID != nil)
            #expect(release.ring == .internal)
            app.setClock(app.communityDate(2026, 11, 26, 18, 5))
            try await train.tick()
            #expect(try await app.releases.release(fixture.releaseID).ring == .closedBeta)

            // Friday 17:00, two nodes at once: the build reaches the weekly ring once.
            app.setClock(app.communityDate(2026, 11, 27, 17, 0))
            async let first: Void = ReleaseTrain(app.releases).tick()
            async let second: Void = ReleaseTrain(app.releases).tick()
            _ = try await (first, second)
            try await train.tick()
            release = try await app.releases.release(fixture.releaseID)
            #expect(release.ring == .weekly)
            #expect(release.threadID != nil)
            #expect(release.reportIsOpen(at: app.clock.now()))
            #expect(try await TrainRun.query(on: app.db).count() == 4)
            #expect(try await ForumThread.query(on: app.db).filter(\.$title ~~ "14.0.1").count() == 2)
            #expect(try await app.ideas.idea(fixture.idea.requireID()).status == .shipped)
        }
    }

    @Test func a_phase_triggered_by_hand_does_not_run_again_that_week() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            app.setClock(app.communityDate(2026, 11, 23, 9))
            let train = ReleaseTrain(app.releases)
            await #expect(throws: CoreError.forbidden) { try await train.trigger(.closedBeta, of: fixture.product, by: fixture.fan) }
            let run = try await train.trigger(.closedBeta, of: fixture.product, by: fixture.staff)
            #expect(run.releaseID == fixture.releaseID)
            #expect(try await app.releases.release(fixture.releaseID).ring == .closedBeta)
            await #expect(throws: ReleaseError.phaseAlreadyRan) { try await train.trigger(.closedBeta, of: fixture.product, by: fixture.staff) }
            app.setClock(app.communityDate(2026, 11, 26, 19))
            try await train.tick()
            #expect(try await TrainRun.query(on: app.db).filter(\.$phase == .closedBeta).count() == 1)
        }
    }

    @Test func a_lease_left_by_a_dead_node_is_taken_over() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            app.setClock(app.communityDate(2026, 11, 23, 9))
            _ = try await app.releases.calendar(of: fixture.product.requireID())
            app.setClock(app.communityDate(2026, 11, 26, 18, 1))
            // A node claimed Thursday's phase and died before doing it.
            let run = TrainRun()
            run.$product.id = try fixture.product.requireID()
            run.phase = .closedBeta
            run.period = "2026-11-23"
            run.state = "running"
            run.claimedAt = app.clock.now()
            try await run.create(on: app.db)
            try await ReleaseTrain(app.releases).tick()
            #expect(try await app.releases.release(fixture.releaseID).ring == .internal)
            app.fixedClock.advance(by: ReleaseRules.phaseLease + 1)
            try await ReleaseTrain(app.releases).tick()
            #expect(try await app.releases.release(fixture.releaseID).ring == .closedBeta)
            #expect(try await TrainRun.find(run.requireID(), on: app.db)?.state == "done")
        }
    }

    @Test func cadences_pick_their_weeks() async throws {
        try await withTestApp { app in
            let calendar = ReleaseCalendar(productID: 1, createdAt: testEpoch)
            let zone = app.config.timeZone
            func weeks(_ cadence: TrainCadence) -> [Bool] {
                calendar.cadence = cadence
                let schedule = TrainSchedule(calendar: calendar, timeZone: zone)
                var week = schedule.weekStart(containing: app.communityDate(2026, 12, 28, 12))
                var result: [Bool] = []
                for _ in 0..<14 {
                    result.append(schedule.isTrainWeek(week))
                    week = schedule.weekStart(containing: week.addingTimeInterval(8 * 86_400))
                }
                return result
            }
            #expect(weeks(.weekly).allSatisfy { $0 })
            #expect(weeks(.biweekly) == [false, true, false, true, false, true, false, true, false, true, false, true, false, true]
                || weeks(.biweekly) == [true, false, true, false, true, false, true, false, true, false, true, false, true, false])
            // Fridays 2027-01-01, 02-05, 03-05, 04-02: the weeks of the month's first Friday.
            #expect(weeks(.monthly) == [true, false, false, false, false, true, false, false, false, true, false, false, false, true])
            #expect(weeks(.quarterly) == [true, false, false, false, false, false, false, false, false, false, false, false, false, true])
            let schedule = TrainSchedule(calendar: calendar, timeZone: zone)
            let friday = schedule.time(of: .release, inWeekOf: schedule.weekStart(containing: app.communityDate(2026, 11, 25, 12)))
            #expect(friday == app.communityDate(2026, 11, 27, 17))
        }
    }
}
