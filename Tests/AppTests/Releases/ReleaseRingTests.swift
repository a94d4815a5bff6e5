import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Releases: rings, promotion and publishing")
struct ReleaseRingTests {
    @Test func each_ring_sees_the_builds_its_tier_allows() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            let honorary = try await app.makeRingMember("dev@example.com", tier: .honoraryDeveloper, product: fixture.product)
            let coreFan = try await app.makeRingMember("core@example.com", tier: .coreFan, product: fixture.product)
            let optedOut = try await app.makeUser(email: "quiet@example.com", name: "quiet")
            try await PyramidService(app).setTier(optedOut.requireID(), to: .coreFan, reason: "test")
            let productID = try fixture.product.requireID()

            // In the ring: the build's notes, download and report. Builds not yet published do
            // not exist for anyone outside their ring; published ones are public otherwise.
            func sees(_ user: User?) async throws -> Bool {
                (try? await app.releases.release(fixture.releaseID, for: user))?.inRing ?? false
            }
            #expect(try await sees(fixture.staff))
            #expect(try await !sees(honorary))
            await #expect(throws: CoreError.notFound) { try await app.releases.release(fixture.releaseID, for: honorary) }
            _ = try await app.releases.promote(fixture.releaseID, to: .closedBeta, by: fixture.staff)
            #expect(try await sees(honorary))
            #expect(try await !sees(coreFan))
            await #expect(throws: CoreError.notFound) { try await app.releases.release(fixture.releaseID, for: nil) }
            try await fixture.publish(app)
            #expect(try await sees(coreFan))
            #expect(try await !sees(optedOut))
            #expect(try await !sees(fixture.fan))
            #expect(try await !sees(nil))
            #expect(try await app.releases.release(fixture.releaseID, for: nil).release.ring == .weekly)
            // Only tiers with weekly builds may opt in.
            await #expect(throws: ReleaseError.tierMayNotJoinWeekly) { try await app.releases.joinWeeklyRing(productID, fixture.fan) }
            try await app.releases.joinWeeklyRing(productID, optedOut)
            #expect(try await sees(optedOut))
            try await app.releases.leaveWeeklyRing(productID, optedOut)
            #expect(try await !sees(optedOut))
            _ = try await app.releases.promote(fixture.releaseID, to: .stable, by: fixture.staff)
            #expect(try await sees(nil))
        }
    }

    @Test func promotion_goes_forward_one_ring_at_a_time_unless_staff_skip() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            let engineer = try await app.makeUser(email: "eng@example.com", name: "Engineer")
            try await app.ideas.addTeamMember(engineer.requireID(), to: fixture.product.requireID(), team: "Camera team", by: fixture.staff)
            await #expect(throws: CoreError.forbidden) { try await app.releases.promote(fixture.releaseID, to: .closedBeta, by: fixture.fan) }
            await #expect(throws: ReleaseError.ringSkipped) { try await app.releases.promote(fixture.releaseID, to: .weekly, by: engineer) }
            await #expect(throws: ReleaseError.notForward) { try await app.releases.promote(fixture.releaseID, to: .internal, by: fixture.staff) }
            #expect(try await app.releases.promote(fixture.releaseID, to: .closedBeta, by: engineer).ring == .closedBeta)
            await #expect(throws: ReleaseError.notForward) { try await app.releases.promote(fixture.releaseID, to: .internal, by: engineer) }
            // An empty changelog cannot be published.
            let empty = try await app.releases.create(in: fixture.product, .init(version: "14.0.2"), by: fixture.staff)
            await #expect(throws: ReleaseError.noChanges) { try await app.releases.promote(empty.requireID(), to: .weekly, by: fixture.staff) }
            await #expect(throws: ReleaseError.versionTaken) { try await app.releases.create(in: fixture.product, .init(version: "14.0.2"), by: fixture.staff) }
            #expect(try await app.releases.release(empty.requireID()).ring == .internal)
        }
    }

    @Test func publishing_posts_the_changelog_ships_ideas_and_credits_their_authors() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            let follower = try await app.makeUser(email: "follower@example.com", name: "follower")
            try await app.ideas.follow(fixture.idea.requireID(), by: follower.requireID())
            let before = try await StandingService(app).ledger.balance(of: fixture.fan.requireID())
            try await fixture.publish(app)
            let release = try await app.releases.release(fixture.releaseID)
            let thread = try #require(try await ForumThread.find(release.threadID, on: app.db))
            let post = try #require(try await Post.query(on: app.db).filter(\.$thread.$id == thread.requireID()).first())
            #expect(post.body.contains("夜景拍摄提速 40%"))
            #expect(post.body.contains("@米粉小王"))
            #expect(try await app.ideas.idea(fixture.idea.requireID()).status == .shipped)
            // Accepted +10 and shipped +30, through standing's rules.
            #expect(try await StandingService(app).ledger.balance(of: fixture.fan.requireID()) == before + 40)
            let told = try await MemberNotification.query(on: app.db).filter(\.$user.$id == follower.requireID()).filter(\.$kind == .ideaStatus).count()
            #expect(told == 1)
            // The changelog is closed once published.
            await #expect(throws: ReleaseError.released) {
                try await app.releases.addChange(to: fixture.releaseID, .init(title: "再加一个", team: "Camera team"), by: fixture.staff)
            }
        }
    }

    @Test func a_change_links_only_ideas_of_its_product_and_half_finished_ones_get_feedback() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            let other = try await app.ideas.createProduct(
                .init(slug: "band", nameZh: "手环", nameEn: "Band", descriptionZh: "", descriptionEn: "", icon: "⌚"), by: fixture.staff)
            let foreign = try await app.ideas.propose(in: other, moduleKey: nil, title: "手环续航更长", body: "", by: fixture.fan)
            await #expect(throws: ReleaseError.ideaOfAnotherProduct) {
                try await app.releases.addChange(to: fixture.releaseID, .init(title: "续航", team: "Power team", ideaID: foreign.requireID()), by: fixture.staff)
            }
            await #expect(throws: CoreError.self) { try await app.releases.addChange(to: fixture.releaseID, .init(title: "x", team: "T"), by: fixture.staff) }
            await #expect(throws: CoreError.self) { try await app.releases.addChange(to: fixture.releaseID, .init(title: "无团队的更新"), by: fixture.staff) }
            let half = try await app.releases.addChange(
                to: fixture.releaseID, .init(title: "全新负一屏", moduleKey: "camera", halfFinished: true), by: fixture.staff)
            #expect(half.halfFinished)
            #expect(half.feedbackThreadID != nil)
            #expect(half.team == "Camera team")
        }
    }
}
