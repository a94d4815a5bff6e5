import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Releases: the four-grid report and the Popcorn Award")
struct FourGridReportTests {
    @Test func report_rules_refuse_what_does_not_fit_and_change_nothing() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            let core = try await app.makeRingMember("core@example.com", tier: .coreFan, product: fixture.product)
            let liked = try fixture.changes[0].requireID(), weak = try fixture.changes[1].requireID()
            let idea = try fixture.idea.requireID()
            func file(_ input: ReleasesService.ReportInput, by user: User) async throws { _ = try await app.releases.fileReport(on: fixture.releaseID, input, by: user) }
            let good = ReleasesService.ReportInput(likedChangeID: liked, weakChangeID: weak, anticipatedText: "更好的夜景", rating: 4)
            // Not open before the build reaches the weekly ring.
            await #expect(throws: ReleaseError.notInRing) { try await file(good, by: core) }
            try await fixture.publish(app)
            await #expect(throws: ReleaseError.notInRing) { try await file(good, by: fixture.fan) }
            let other = try await app.releases.create(in: fixture.product, .init(version: "14.0.9"), by: fixture.staff)
            let foreign = try await app.releases.addChange(to: other.requireID(), .init(title: "别的版本的更新", team: "T"), by: fixture.staff)
            await #expect(throws: ReleaseError.changeOfAnotherRelease) {
                try await file(.init(likedChangeID: foreign.requireID(), weakChangeID: weak, anticipatedText: "x", rating: 3), by: core)
            }
            await #expect(throws: ReleaseError.sameChanges) { try await file(.init(likedChangeID: liked, weakChangeID: liked, anticipatedText: "x", rating: 3), by: core) }
            await #expect(throws: CoreError.self) { try await file(.init(likedChangeID: liked, weakChangeID: weak, anticipatedText: "x", rating: 6), by: core) }
            await #expect(throws: CoreError.self) { try await file(.init(likedChangeID: liked, weakChangeID: weak, rating: 3), by: core) }
            // The fan's idea shipped with this build: it is no longer open to anticipate.
            await #expect(throws: CoreError.self) { try await file(.init(likedChangeID: liked, weakChangeID: weak, anticipatedIdeaID: idea, rating: 3), by: core) }
            var release = try await app.releases.release(fixture.releaseID)
            #expect(release.reportCount == 0)

            let before = try await StandingService(app).ledger.balance(of: core.requireID())
            try await file(good, by: core)
            // Editing moves the counts; it pays once.
            try await file(.init(likedChangeID: weak, weakChangeID: liked, anticipatedText: "再快一点", rating: 2), by: core)
            release = try await app.releases.release(fixture.releaseID)
            #expect(release.reportCount == 1)
            #expect(release.ratingSum == 2)
            #expect(release.ratings == [0, 1, 0, 0, 0])
            let changes = try await app.releases.changes(of: fixture.releaseID)
            #expect(changes.map(\.likedCount) == [0, 1])
            #expect(changes.map(\.weakCount) == [1, 0])
            #expect(try await StandingService(app).ledger.balance(of: core.requireID()) == before + 2)
            #expect(try await PyramidService(app).contributions(of: core.requireID(), since: testEpoch.addingTimeInterval(-1), until: testEpoch.addingTimeInterval(1)) == 1)

            // Closed after the calendar's four days.
            app.fixedClock.advance(by: 4 * 86_400 + 1)
            await #expect(throws: ReleaseError.reportNotOpen) { try await file(good, by: core) }
        }
    }

    @Test func simultaneous_reports_and_edits_keep_every_count_exact() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            try await fixture.publish(app)
            let open = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "桌面小组件可以自由排列", body: "", by: fixture.fan)
            var tokens: [String] = []
            for index in 0..<24 {
                _ = try await app.makeRingMember("m\(index)@example.com", tier: .coreFan, product: fixture.product)
                tokens.append(try await app.apiToken(email: "m\(index)@example.com"))
            }
            let (first, second) = (try fixture.changes[0].requireID(), try fixture.changes[1].requireID())
            let ideaID = try open.requireID()
            try await withRunningServer(app) { base in
                // Each member files twice at once: a first report and an edit that flips it.
                try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for (index, token) in tokens.enumerated() {
                        for flip in [false, true] {
                            group.addTask {
                                let liked = flip ? second : first, weak = flip ? first : second
                                let body = #"{"liked_change_id":\#(liked),"weak_change_id":\#(weak),"anticipated_idea_id":\#(ideaID),"rating":\#(index % 5 + 1)}"#
                                return try await app.client.put(URI(string: base + "/api/v1/releases/\(fixture.releaseID)/report")) { req in
                                    req.headers.bearerAuthorization = .init(token: token)
                                    req.headers.contentType = .json
                                    req.body = ByteBuffer(string: body)
                                }.status
                            }
                        }
                    }
                    for try await status in group { #expect(status == .ok) }
                }
            }
            let release = try await app.releases.release(fixture.releaseID)
            let reports = try await FourGridReport.query(on: app.db).filter(\.$release.$id == fixture.releaseID).all()
            #expect(reports.count == 24)
            #expect(release.reportCount == 24)
            #expect(release.ratingSum == reports.reduce(0) { $0 + $1.rating })
            #expect(release.ratings == (1...5).map { rating in reports.filter { $0.rating == rating }.count })
            let changes = try await app.releases.changes(of: fixture.releaseID)
            #expect(changes[0].likedCount == reports.filter { $0.likedChangeID == first }.count)
            #expect(changes[1].likedCount == reports.filter { $0.likedChangeID == second }.count)
            #expect(changes[0].likedCount + changes[1].likedCount == 24)
            #expect(changes[0].weakCount + changes[1].weakCount == 24)
            let results = try await app.releases.results(of: release)
            #expect(results.anticipated.first?.count == 24)
            #expect(results.freeTextAnticipations == 0)
            // Credits once per member, however many times they filed.
            let paid = try await CreditEntry.query(on: app.db).filter(\.$rule == CreditAction.fourGridReport).count()
            #expect(paid == 24)
        }
    }

    @Test func the_best_liked_change_wins_the_popcorn_award_and_its_team_the_medal() async throws {
        try await withTestApp { app in
            let fixture = try await ReleaseFixture.make(app)
            let engineer = try await app.makeUser(email: "eng@example.com", name: "Engineer")
            let powerEngineer = try await app.makeUser(email: "power@example.com", name: "Power")
            try await app.ideas.addTeamMember(engineer.requireID(), to: fixture.product.requireID(), team: "Camera team", by: fixture.staff)
            try await app.ideas.addTeamMember(powerEngineer.requireID(), to: fixture.product.requireID(), team: "Power team", by: fixture.staff)
            try await fixture.publish(app)
            let (camera, power) = (try fixture.changes[0].requireID(), try fixture.changes[1].requireID())
            for index in 0..<5 {
                let member = try await app.makeRingMember("m\(index)@example.com", tier: .coreFan, product: fixture.product)
                let likesCamera = index < 3
                _ = try await app.releases.fileReport(
                    on: fixture.releaseID, .init(likedChangeID: likesCamera ? camera : power, weakChangeID: likesCamera ? power : camera, anticipatedText: "更多", rating: 4),
                    by: member)
            }
            #expect(try await app.releases.closeDueReports().isEmpty)
            app.fixedClock.advance(by: 4 * 86_400 + 1)
            async let first = app.releases.closeDueReports()
            async let second = app.releases.closeDueReports()
            #expect(try await (first + second) == [fixture.releaseID])
            let release = try await app.releases.release(fixture.releaseID)
            #expect(release.popcornChangeID == camera)
            let medals = try await MemberMedal.query(on: app.db).with(\.$medal).all().filter { $0.medal.key == "popcorn_award" }
            #expect(medals.map { $0.$user.id } == [try engineer.requireID()])
            // The work list is the team's own, not a public board.
            let page = try await app.releases.team("Power team", of: fixture.product.requireID(), includingWorkList: true)
            #expect(page.workList.first?.change.id == power)
            #expect(try await app.releases.mayReadWorkList(of: "Power team", product: fixture.product.requireID(), viewer: powerEngineer))
            #expect(try await !app.releases.mayReadWorkList(of: "Power team", product: fixture.product.requireID(), viewer: engineer))
            #expect(try await !app.releases.mayReadWorkList(of: "Power team", product: fixture.product.requireID(), viewer: fixture.fan))
        }
    }
}
