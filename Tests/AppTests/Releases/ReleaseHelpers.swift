import Foundation
import Testing
import Vapor

@testable import App

/// A product with two modules, staff, a fan with an idea, and a build in the internal ring with
/// two changes (the first answering the fan's idea).
struct ReleaseFixture {
    let ideas: IdeasFixture
    let idea: Idea
    let release: Release
    let changes: [ReleaseChange]

    var staff: User { ideas.staff }
    var fan: User { ideas.fan }
    var product: Product { ideas.product }
    var releaseID: Int { release.id ?? 0 }

    static func make(_ app: Application, version: String = "14.0.1") async throws -> ReleaseFixture {
        let ideas = try await IdeasFixture.make(app)
        let idea = try await app.ideas.propose(in: ideas.product, moduleKey: "camera", title: "夜景模式更快一点", body: "", by: ideas.fan)
        let release = try await app.releases.create(in: ideas.product, .init(version: version, notes: "本周更新", downloadURL: "https://example.com/14.0.1.zip"), by: ideas.staff)
        let first = try await app.releases.addChange(
            to: release.requireID(), .init(title: "夜景拍摄提速 40%", description: "更快出片", moduleKey: "camera", ideaID: idea.requireID()), by: ideas.staff)
        let second = try await app.releases.addChange(to: release.requireID(), .init(title: "充电动画更新", moduleKey: "battery"), by: ideas.staff)
        return ReleaseFixture(ideas: ideas, idea: idea, release: release, changes: [first, second])
    }

    /// The build published to the weekly ring (its report opens).
    func publish(_ app: Application) async throws {
        _ = try await app.releases.promote(releaseID, to: .weekly, by: staff)
    }
}

extension Application {
    var releases: ReleasesService { ReleasesService(self) }

    /// A member in `tier` who opted into the product's weekly ring where the tier allows it.
    func makeRingMember(_ email: String, tier: Tier, product: Product) async throws -> User {
        let user = try await makeUser(email: email, name: String(email.split(separator: "@")[0]))
        try await PyramidService(self).setTier(user.requireID(), to: tier, reason: "test")
        if tier >= .coreFan { try await releases.joinWeeklyRing(product.requireID(), user) }
        return user
    }

    /// A moment in the community's time zone.
    func communityDate(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    func setClock(_ date: Date) {
        fixedClock.advance(by: date.timeIntervalSince(fixedClock.now()))
    }
}
