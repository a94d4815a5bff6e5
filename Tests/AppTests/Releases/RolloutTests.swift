import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Releases: staged rollout and the update check")
struct RolloutTests {
    @Test func a_device_keeps_its_bucket_as_the_rollout_grows() {
        let devices = (0..<2_000).map { "device-\($0)" }
        let buckets = devices.map { ReleaseVersion.bucket(device: $0, product: "aurora-os") }
        #expect(buckets == devices.map { ReleaseVersion.bucket(device: $0, product: "aurora-os") })
        // Spread evenly enough: about 5 % of devices fall under 5.
        let underFive = buckets.filter { $0 < 5 }.count
        #expect((50...150).contains(underFive))
        // In at 5 % means in at every larger percentage.
        for percent in ReleaseRules.rolloutPlan {
            let inNow = Set(devices.indices.filter { buckets[$0] < percent })
            let inAtFive = Set(devices.indices.filter { buckets[$0] < 5 })
            if percent >= 5 { #expect(inAtFive.isSubset(of: inNow)) }
        }
    }

    @Test func versions_compare_part_by_part() {
        #expect(ReleaseVersion.isNewer("14.0.10", than: "14.0.9"))
        #expect(ReleaseVersion.isNewer("V14.0.3.0", than: "14.0.2"))
        #expect(!ReleaseVersion.isNewer("14.0.1", than: "14.0.1"))
        #expect(!ReleaseVersion.isNewer("14.0", than: "14.0.0"))
        #expect(ReleaseVersion.isNewer("1.0.1", than: "1.0.beta"))
    }

    @Test func the_rollout_follows_its_plan_and_can_pause() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            await #expect(throws: ReleaseError.notStable) { try await app.releases.rollout(fixture.releaseID, .percent(10), by: fixture.staff) }
            try await fixture.publish(app)
            var release = try await app.releases.promote(fixture.releaseID, to: .stable, by: fixture.staff)
            #expect(release.rolloutPercent == 1)
            app.fixedClock.advance(by: ReleaseRules.rolloutStepInterval + 1)
            try await app.releases.advanceRollouts()
            #expect(try await app.releases.release(fixture.releaseID).rolloutPercent == 2)
            release = try await app.releases.rollout(fixture.releaseID, .pause, by: fixture.staff)
            app.fixedClock.advance(by: 3 * ReleaseRules.rolloutStepInterval)
            try await app.releases.advanceRollouts()
            #expect(try await app.releases.release(fixture.releaseID).rolloutPercent == 2)
            _ = try await app.releases.rollout(fixture.releaseID, .resume, by: fixture.staff)
            // Resumed: the next step comes one interval later; a node that was down catches up.
            app.fixedClock.advance(by: 10 * ReleaseRules.rolloutStepInterval)
            try await app.releases.advanceRollouts()
            release = try await app.releases.release(fixture.releaseID)
            #expect(release.rolloutPercent == 100)
            #expect(release.rolloutNextAt == nil)
            await #expect(throws: CoreError.self) { try await app.releases.rollout(fixture.releaseID, .percent(101), by: fixture.staff) }
            await #expect(throws: CoreError.forbidden) { try await app.releases.rollout(fixture.releaseID, .percent(5), by: fixture.fan) }
            #expect(try await app.releases.rollout(fixture.releaseID, .percent(20), by: fixture.staff).rolloutStep == 4)
        }
    }

    @Test func the_update_check_answers_by_bucket_ring_and_version() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            try await fixture.publish(app)
            _ = try await app.releases.promote(fixture.releaseID, to: .stable, by: fixture.staff)
            _ = try await app.releases.rollout(fixture.releaseID, .percent(5), by: fixture.staff)
            let inside = try #require((0..<500).map { "phone-\($0)" }.first { ReleaseVersion.bucket(device: $0, product: "aurora-os") < 5 })
            let outside = try #require((0..<500).map { "phone-\($0)" }.first { ReleaseVersion.bucket(device: $0, product: "aurora-os") >= 5 })

            var response = try await app.api(.GET, "/products/aurora-os/updates?device_id=\(inside)&current_version=14.0.0")
            #expect(response.status == .ok)
            #expect(response.json["status"] as? String == "update_available")
            #expect(response.json["version"] as? String == "14.0.1")
            response = try await app.api(.GET, "/products/aurora-os/updates?device_id=\(outside)&current_version=14.0.0")
            #expect(response.json["status"] as? String == "up_to_date")
            response = try await app.api(.GET, "/products/aurora-os/updates?device_id=\(inside)&current_version=14.0.1")
            #expect(response.json["update_available"] as? Bool == false)

            // A weekly build beyond it reaches weekly-ring devices only, with a token that may have it.
            let next = try await app.releases.create(in: fixture.product, .init(version: "14.0.2"), by: fixture.staff)
            _ = try await app.releases.addChange(to: next.requireID(), .init(title: "相册更流畅", moduleKey: "camera"), by: fixture.staff)
            _ = try await app.releases.promote(next.requireID(), to: .weekly, by: fixture.staff)
            response = try await app.api(.GET, "/products/aurora-os/updates?device_id=\(outside)&current_version=14.0.1&ring=weekly")
            #expect(response.status == .unauthorized)
            _ = try await app.makeRingMember("core@example.com", tier: .coreFan, product: fixture.product)
            let token = try await app.apiToken(email: "core@example.com")
            response = try await app.api(.GET, "/products/aurora-os/updates?device_id=\(outside)&current_version=14.0.1&ring=weekly", token: token)
            #expect(response.json["version"] as? String == "14.0.2")
            response = try await app.api(.GET, "/products/aurora-os/updates?device_id=\(outside)&current_version=14.0.1&ring=closed_beta", token: token)
            #expect(response.status == .forbidden)
            response = try await app.api(.GET, "/products/aurora-os/updates?current_version=14.0.1")
            #expect(response.status == .unprocessableEntity)
            #expect(response.apiError?.field == "device_id")
            response = try await app.api(.GET, "/products/aurora-os/updates?device_id=x&current_version=1&ring=moon")
            #expect(response.status == .unprocessableEntity)
            response = try await app.api(.GET, "/products/nope/updates?device_id=x&current_version=1")
            #expect(response.status == .notFound)
        }
    }
}
