import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Bugs: me too, crowd confirmation and heat")
struct BugCrowdTests {
    @Test func five_seasoned_me_toos_confirm_a_bug_once_and_pay_the_reporter() async throws {
        try await withTestApp { app in
            let fixture = try await BugFixture.make(app)
            let young = try await app.makeMembers(3, prefix: "young")
            let seasoned = try await app.makeSeasonedMembers(5, prefix: "old")
            let balance = try await StandingService(app).ledger.balance(of: fixture.fan.requireID())
            // Accounts younger than seven days count as "me too" but not toward confirmation...
            let fresh = try await app.makeMembers(2, prefix: "fresh")
            for member in young + fresh { _ = try await app.bugs.meToo(fixture.bugID, build: fixture.buildID, device: "Pixel", by: member) }
            // (the first three are old enough now: the clock moved after they joined)
            for member in seasoned.prefix(1) { _ = try await app.bugs.meToo(fixture.bugID, build: nil, device: nil, by: member) }
            #expect(try await app.bugs.bug(fixture.bugID).status == .new)
            let last = try await app.bugs.meToo(fixture.bugID, build: nil, device: nil, by: seasoned[1])
            #expect(last.status == .confirmed)
            #expect(last.count == 7)
            for member in seasoned.suffix(3) { _ = try await app.bugs.meToo(fixture.bugID, build: nil, device: nil, by: member) }
            let bug = try await app.bugs.bug(fixture.bugID)
            #expect(bug.meTooCount == 10)
            #expect(bug.qualifiedMeTooCount == 8)
            let confirmations = try await app.bugs.history(of: fixture.bugID).filter { $0.kind == .confirmed }
            #expect(confirmations.count == 1)
            #expect(confirmations.first?.$actor.id == nil)
            #expect(try await StandingService(app).ledger.balance(of: fixture.fan.requireID()) == balance + 5)
        }
    }

    @Test func me_too_rules_refuse_and_change_nothing() async throws {
        try await withTestApp { app in
            let fixture = try await BugFixture.make(app)
            let member = try await app.makeUser(email: "m@example.com", name: "member-m")
            await #expect(throws: BugError.ownBug) { _ = try await app.bugs.meToo(fixture.bugID, build: nil, device: nil, by: fixture.fan) }
            _ = try await app.bugs.meToo(fixture.bugID, build: nil, device: "X", by: member)
            await #expect(throws: BugError.alreadyMeToo) { _ = try await app.bugs.meToo(fixture.bugID, build: nil, device: nil, by: member) }
            // A build of another product.
            let other = try await IdeasService(app).createProduct(.init(slug: "band", nameZh: "手环", nameEn: "Band"), by: fixture.staff)
            let otherBuild = try await app.releases.create(in: other, .init(version: "1.0", notes: "", downloadURL: ""), by: fixture.staff)
            let second = try await app.makeUser(email: "s@example.com", name: "member-s")
            await #expect(throws: BugError.buildOfOtherProduct) { _ = try await app.bugs.meToo(fixture.bugID, build: otherBuild.requireID(), device: nil, by: second) }
            #expect(try await app.bugs.bug(fixture.bugID).meTooCount == 1)
            // Withdrawn, then counted again.
            #expect(try await app.bugs.withdrawMeToo(fixture.bugID, by: member).count == 0)
            #expect(try await app.bugs.withdrawMeToo(fixture.bugID, by: member).count == 0)
            #expect(try await app.bugs.meToo(fixture.bugID, build: nil, device: nil, by: member).count == 1)
        }
    }

    @Test func simultaneous_me_toos_over_http_count_exactly_and_confirm_once() async throws {
        try await withTestApp { app in
            let fixture = try await BugFixture.make(app)
            var tokens: [String] = []
            for index in 0..<24 {
                _ = try await app.makeUser(email: "c\(index)@example.com", name: "c\(index)")
                tokens.append(try await app.apiToken(email: "c\(index)@example.com"))
            }
            app.fixedClock.advance(by: 8 * 86_400)
            try await withRunningServer(app) { base in
                // Each member twice at once: one is counted, the other refused as a repeat.
                try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for token in tokens {
                        for _ in 0..<2 {
                            group.addTask {
                                try await app.client.put(URI(string: base + "/api/v1/bugs/\(fixture.bugID)/me-too")) { req in
                                    req.headers.bearerAuthorization = .init(token: token)
                                    req.headers.contentType = .json
                                    req.body = ByteBuffer(string: #"{"device_model":"Aurora 14"}"#)
                                }.status
                            }
                        }
                    }
                    var statuses: [HTTPStatus] = []
                    for try await status in group { statuses.append(status) }
                    #expect(statuses.filter { $0 == .ok }.count == 24)
                    #expect(statuses.filter { $0 == .conflict }.count == 24)
                }
            }
            let bug = try await app.bugs.bug(fixture.bugID)
            #expect(bug.meTooCount == 24)
            #expect(try await BugMeToo.query(on: app.db).filter(\.$bug.$id == fixture.bugID).count() == 24)
            #expect(bug.followerCount == 0)
            #expect(bug.status == .confirmed)
            #expect(try await app.bugs.history(of: fixture.bugID).filter { $0.kind == .confirmed }.count == 1)
        }
    }

    @Test func a_batch_of_me_toos_counts_like_one_after_the_other() async throws {
        try await withTestApp { app in
            let fixture = try await BugFixture.make(app)
            let closed = try await app.bugs.file(in: fixture.product, .init(title: "已经不予修复的问题", releaseID: fixture.buildID, steps: "x"), by: fixture.fan)
            _ = try await app.bugs.setStatus(closed.requireID(), to: .wontFix, note: "设计如此", by: fixture.staff)
            let members = try await app.makeSeasonedMembers(6, prefix: "batch")
            let now = app.clock.now()
            func write(_ bug: Int, _ user: User) throws -> MeTooWrite {
                MeTooWrite(bugID: bug, userID: try user.requireID(), releaseID: nil, deviceModel: "", qualified: true, at: now, thresholds: app.config.bugs)
            }
            // Six members (one twice), the reporter, a closed bug and a missing one, in one batch.
            let writes = try members.map { try write(fixture.bugID, $0) }
                + [try write(fixture.bugID, members[0]), try write(fixture.bugID, fixture.fan), try write(closed.requireID(), members[1]), try write(999_999, members[1])]
            let outcomes = try await app.db.transaction { tx in try await MeTooWrite.kind.write(writes, tx as! any SQLDatabase) }
            #expect(outcomes[0] == .added(count: 1, status: .new, confirmed: false, reopened: false))
            #expect(outcomes[4] == .added(count: 5, status: .confirmed, confirmed: true, reopened: false))
            #expect(outcomes[5] == .added(count: 6, status: .confirmed, confirmed: false, reopened: false))
            #expect(Array(outcomes.suffix(4)) == [.already, .ownBug, .closed, .notFound])
            let bug = try await app.bugs.bug(fixture.bugID)
            #expect((bug.meTooCount, bug.qualifiedMeTooCount, bug.followerCount, bug.status) == (6, 6, 0, .confirmed))
            #expect(bug.heatRank == BugHeat.rank(meToos: 6, duplicates: 0, followers: 0, severity: nil, activeAt: now))
            #expect(try await app.bugs.history(of: fixture.bugID).filter { $0.kind == .confirmed }.count == 1)
            #expect(try await app.tallyMismatches() == 0)
        }
    }

    @Test func heat_adds_its_parts_and_halves_every_thirty_quiet_days() async throws {
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        let heat = BugHeat(meToos: 3, duplicates: 1, followers: 5, severity: .critical, activeAt: now, now: now)
        #expect(heat.affected == 16)
        #expect(heat.duplicates == 6)
        #expect(heat.followers == 10)
        #expect(heat.severity == 25)
        #expect(heat.score == 57)
        let later = BugHeat(meToos: 3, duplicates: 1, followers: 5, severity: .critical, activeAt: now, now: now.addingTimeInterval(30 * 86_400))
        #expect(later.score == 29)
        // The rank orders bugs as their decayed heat does: 57 a month ago is below 40 today.
        let old = BugHeat.rank(meToos: 3, duplicates: 1, followers: 5, severity: .critical, activeAt: now)
        let fresh = BugHeat.rank(meToos: 0, duplicates: 0, followers: 0, severity: nil, activeAt: now.addingTimeInterval(30 * 86_400))
        let freshHeat = BugHeat(meToos: 0, duplicates: 0, followers: 0, severity: nil, activeAt: now, now: now).score
        #expect(freshHeat == 12)
        #expect((old < fresh) == (29 < freshHeat))
        #expect(BugHeat.rank(atLeast: 57, now: now) <= old)
        #expect(BugHeat.rank(atLeast: 58, now: now) > old)
    }

    @Test func a_me_too_from_a_later_build_reopens_a_bug_that_could_not_be_reproduced() async throws {
        try await withTestApp { app in
            let fixture = try await BugFixture.make(app)
            _ = try await app.bugs.setStatus(fixture.bugID, to: .cannotReproduce, note: "无法复现", by: fixture.staff)
            let member = try await app.makeUser(email: "late@example.com", name: "late")
            // On the same build: counted, still closed.
            _ = try await app.bugs.meToo(fixture.bugID, build: fixture.buildID, device: nil, by: member)
            #expect(try await app.bugs.bug(fixture.bugID).status == .cannotReproduce)
            let next = try await app.releases.create(in: fixture.product, .init(version: "14.0.2", notes: "", downloadURL: ""), by: fixture.staff)
            _ = try await app.releases.addChange(to: next.requireID(), .init(title: "修复", moduleKey: "camera"), by: fixture.staff)
            _ = try await app.releases.promote(next.requireID(), to: .weekly, by: fixture.staff)
            let other = try await app.makeUser(email: "later@example.com", name: "later")
            _ = try await app.bugs.meToo(fixture.bugID, build: next.requireID(), device: nil, by: other)
            #expect(try await app.bugs.bug(fixture.bugID).status == .new)
            #expect(try await app.bugs.history(of: fixture.bugID).last?.kind == .reopened)
        }
    }
}

@Suite("Bugs: the list's JSON")
struct BugListJSONTests {
    @Test func the_written_list_is_the_encoded_list() throws {
        let bug = App.Bug()
        bug.id = 7
        bug.$product.id = 1
        bug.releaseID = 3
        bug.$reporter.id = 9
        bug.title = "引号 \" 反斜杠 \\ 换行\n制表\t控制\u{01} / 斜杠 <b>"
        bug.frequency = .often
        bug.status = .confirmed
        bug.severity = nil
        (bug.meTooCount, bug.qualifiedMeTooCount, bug.duplicateCount, bug.followerCount, bug.verifiedCount) = (4, 4, 1, 5, 0)
        bug.createdAt = Date(timeIntervalSince1970: 1_795_000_000.75)
        bug.activeAt = bug.createdAt
        bug.statusChangedAt = Date(timeIntervalSince1970: 1_795_086_400)
        let items = [BugDTO(bug, module: nil, now: bug.createdAt)]
        let written = BugListDTO.json(items, page: 2, pageCount: 3, total: 41)
        let encoded = try JSONBytes.encode(BugListDTO(items: items, page: 2, page_count: 3, total: 41))
        // The same document (Foundation orders keys its own way).
        let parse = { (bytes: ByteBuffer) in try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? NSDictionary }
        #expect(try parse(written) == parse(encoded))
        #expect(try parse(written) != nil)
    }
}
