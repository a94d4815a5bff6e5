import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Bugs: lifecycle, duplicates, verification and privacy")
struct BugLifecycleTests {
    @Test func duplicates_move_their_members_without_counting_anyone_twice_and_never_loop() async throws {
        try await withTestApp { app in
            let fixture = try await BugFixture.make(app)
            let members = try await app.makeMembers(4, prefix: "dup")
            let reporter = try await app.makeUser(email: "rep@example.com", name: "reporter2")
            let original = try await app.bugs.file(in: fixture.product, .init(title: "夜景模式拍照后闪退", releaseID: fixture.buildID, steps: "拍照"), by: reporter)
            let originalID = try original.requireID()
            // The duplicate (the fixture's bug) has members 0, 1, 2; the original has 2, 3.
            for member in members.prefix(3) { _ = try await app.bugs.meToo(fixture.bugID, build: nil, device: nil, by: member) }
            for member in members.suffix(2) { _ = try await app.bugs.meToo(originalID, build: nil, device: nil, by: member) }
            // Followers who did not hit it: staff follow the duplicate, a watcher follows both.
            let watcher = try await app.makeUser(email: "watch@example.com", name: "watcher")
            try await app.bugs.follow(fixture.bugID, by: fixture.staff.requireID())
            try await app.bugs.follow(fixture.bugID, by: watcher.requireID())
            try await app.bugs.follow(originalID, by: watcher.requireID())
            await #expect(throws: BugError.duplicateOfSelf) { _ = try await app.bugs.markDuplicate(originalID, of: originalID, note: nil, by: fixture.staff) }
            await #expect(throws: CoreError.forbidden) { _ = try await app.bugs.markDuplicate(fixture.bugID, of: originalID, note: nil, by: members[0]) }

            let marked = try await app.bugs.markDuplicate(fixture.bugID, of: originalID, note: "同一个问题", by: fixture.staff)
            #expect(marked.status == .duplicate)
            #expect(marked.$duplicateOf.id == originalID)
            #expect(marked.meTooCount == 0)
            let target = try await app.bugs.bug(originalID)
            // 2, 3, then 0 and 1 moved, and the duplicate's reporter: five, each once.
            #expect(target.meTooCount == 5)
            #expect(try await BugMeToo.query(on: app.db).filter(\.$bug.$id == originalID).count() == 5)
            #expect(target.duplicateCount == 1)
            #expect(target.followerCount == 2)
            // A chain through a duplicate is refused; a third bug marked of the original is fine.
            let third = try await app.bugs.file(in: fixture.product, .init(title: "夜景闪退第三次", releaseID: fixture.buildID, steps: "拍照"), by: members[3])
            await #expect(throws: BugError.duplicateOfDuplicate) { _ = try await app.bugs.markDuplicate(third.requireID(), of: fixture.bugID, note: nil, by: fixture.staff) }
            // Marking the original a duplicate of the third moves its duplicates along: chains stay one long.
            _ = try await app.bugs.markDuplicate(originalID, of: third.requireID(), note: nil, by: fixture.staff)
            #expect(try await app.bugs.bug(fixture.bugID).$duplicateOf.id == third.id)
            #expect(try await app.bugs.bug(third.requireID()).duplicateCount == 2)
            await #expect(throws: BugError.closed) { _ = try await app.bugs.meToo(originalID, build: nil, device: nil, by: fixture.staff) }
            #expect(try await app.tallyMismatches() == 0)
        }
    }

    @Test func a_fix_is_verified_by_those_who_hit_it_and_reopened_when_it_still_happens() async throws {
        try await withTestApp { app in
            let fixture = try await BugFixture.make(app)
            let members = try await app.makeMembers(3, prefix: "ver")
            let outsider = try await app.makeUser(email: "out@example.com", name: "outsider")
            for member in members { _ = try await app.bugs.meToo(fixture.bugID, build: fixture.buildID, device: nil, by: member) }
            await #expect(throws: BugError.notFixed) { _ = try await app.bugs.verify(fixture.bugID, fixed: true, build: fixture.buildID, by: members[0]) }
            await #expect(throws: CoreError.forbidden) { _ = try await app.bugs.setStatus(fixture.bugID, to: .fixed, note: nil, build: fixture.buildID, by: members[0]) }
            await #expect(throws: BugError.buildRequired) { _ = try await app.bugs.setStatus(fixture.bugID, to: .fixed, note: nil, by: fixture.staff) }
            await #expect(throws: BugError.noteRequired) { _ = try await app.bugs.setStatus(fixture.bugID, to: .wontFix, note: " ", by: fixture.staff) }
            let balance = try await StandingService(app).ledger.balance(of: fixture.fan.requireID())
            // One member takes requests to verify by email only.
            let notifications = NotificationService(db: app.db, clock: app.clock, mail: .init(app))
            try await notifications.setPreferences(of: members[1].requireID(), [.bugVerify: .init(inApp: false, email: true)])
            let fixed = try await app.bugs.setStatus(fixture.bugID, to: .fixed, note: "已修复", build: fixture.buildID, by: fixture.staff)
            #expect(try await notifications.unreadCount(of: members[1].requireID()) == 0)
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$user.$id == members[1].requireID()).count() == 1)
            #expect(try await notifications.unreadCount(of: fixture.fan.requireID()) >= 1)
            #expect(fixed.status == .fixed)
            #expect(fixed.fixedInReleaseID == fixture.buildID)
            // Confirmed (it skipped the step) and fixed: +5 and +10.
            #expect(try await StandingService(app).ledger.balance(of: fixture.fan.requireID()) == balance + 15)
            #expect(try await notifications.unreadCount(of: members[0].requireID()) >= 1)
            await #expect(throws: BugError.notAffected) { _ = try await app.bugs.verify(fixture.bugID, fixed: true, build: fixture.buildID, by: outsider) }

            _ = try await app.bugs.verify(fixture.bugID, fixed: true, build: fixture.buildID, by: members[0])
            await #expect(throws: BugError.alreadyVerified) { _ = try await app.bugs.verify(fixture.bugID, fixed: true, build: fixture.buildID, by: members[0]) }
            _ = try await app.bugs.verify(fixture.bugID, fixed: true, build: fixture.buildID, by: members[1])
            #expect(try await app.bugs.bug(fixture.bugID).status == .fixed)
            let memberBalance = try await StandingService(app).ledger.balance(of: members[2].requireID())
            let verified = try await app.bugs.verify(fixture.bugID, fixed: true, build: fixture.buildID, by: members[2])
            #expect(verified.status == .verified)
            #expect(verified.verifiedCount == 3)
            #expect(try await StandingService(app).ledger.balance(of: members[2].requireID()) == memberBalance + 1)

            // A regression: the team reopens, fixes again, and one "still happens" reopens it with the build noted.
            _ = try await app.bugs.setStatus(fixture.bugID, to: .confirmed, note: "回归", by: fixture.staff)
            _ = try await app.bugs.setStatus(fixture.bugID, to: .fixed, note: nil, build: fixture.buildID, by: fixture.staff)
            let again = try await app.bugs.verify(fixture.bugID, fixed: false, build: fixture.buildID, by: members[0])
            #expect(again.status == .confirmed)
            #expect(again.fixedInReleaseID == nil)
            #expect(try await app.bugs.history(of: fixture.bugID).last?.note == "build:\(fixture.buildID)")
            // The releases' changelog lists what a build fixes.
            _ = try await app.bugs.setStatus(fixture.bugID, to: .fixed, note: nil, build: fixture.buildID, by: fixture.staff)
            #expect(try await BugsService.fixed(in: fixture.buildID, on: app.db).map(\.id) == [fixture.bugID])
            #expect(try await app.tallyMismatches() == 0)
        }
    }

    @Test func device_details_and_logs_are_for_the_reporter_and_triagers_only() async throws {
        try await withTestApp { app in
            let releases = try await ReleaseFixture.make(app)
            try await releases.publish(app)
            let fanToken = try await app.apiToken()
            // Multipart: a report with a log file; a screenshot of the wrong type is refused first.
            func multipart(_ extra: String) -> (HTTPHeaders, ByteBuffer) {
                let boundary = "canyu-test-boundary"
                var body = ""
                for (name, value) in [("title", "蓝牙耳机断连"), ("steps", "连接耳机后播放音乐"), ("build", String(releases.releaseID)), ("device_model", "Aurora 14 Pro · IMEI 8600")] {
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
                }
                body += extra + "--\(boundary)--\r\n"
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: fanToken)
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                return (headers, ByteBuffer(string: body))
            }
            let bad = multipart("--canyu-test-boundary\r\nContent-Disposition: form-data; name=\"screenshot_1\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nnot an image\r\n")
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/products/aurora-os/bugs", headers: bad.0, body: bad.1)
            #expect(refused.status == .unsupportedMediaType)
            #expect(try await App.Bug.query(on: app.db).count() == 0)
            let good = multipart("--canyu-test-boundary\r\nContent-Disposition: form-data; name=\"log\"; filename=\"bt.log\"\r\nContent-Type: text/plain\r\n\r\nbt: disconnect reason=0x13\r\n")
            let created = try await app.testing().sendRequest(.POST, "/api/v1/products/aurora-os/bugs", headers: good.0, body: good.1)
            #expect(created.status == .created)
            let detail = try created.content.decode(BugDetailDTO.self)
            #expect(detail.device_model == "Aurora 14 Pro · IMEI 8600")
            let log = try #require(detail.attachments.first { $0.kind == "log" })

            // Another member and a visitor see the report, not the device or the log.
            _ = try await app.makeUser(email: "other@example.com", name: "other")
            let otherToken = try await app.apiToken(email: "other@example.com")
            let seen = try await app.api(.GET, "/bugs/\(detail.bug.id)", token: otherToken).content.decode(BugDetailDTO.self)
            #expect(seen.device_model == nil)
            #expect(seen.attachments.isEmpty)
            #expect(seen.steps == "连接耳机后播放音乐")
            #expect(try await app.api(.GET, "/bugs/\(detail.bug.id)/files/\(log.id)", token: otherToken).status == .notFound)
            let page = try await app.testing().sendRequest(.GET, "/bugs/\(detail.bug.id)")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("IMEI 8600"))
            // The reporter and staff get them.
            let file = try await app.api(.GET, "/bugs/\(detail.bug.id)/files/\(log.id)", token: fanToken)
            #expect(file.status == .ok)
            #expect(file.body.string == "bt: disconnect reason=0x13")
            let staffToken = try await app.apiToken(email: "staff@example.com")
            #expect(try await app.api(.GET, "/bugs/\(detail.bug.id)", token: staffToken).content.decode(BugDetailDTO.self).device_model != nil)
        }
    }

    @Test func the_api_reports_lists_and_refuses_clearly() async throws {
        try await withTestApp { app in
            let fixture = try await BugFixture.make(app)
            let token = try await app.apiToken()
            let noBuild = try await app.api(.POST, "/products/aurora-os/bugs", json: #"{"title":"耳机没有声音","steps":"播放"}"#, token: token)
            #expect(noBuild.status == .unprocessableEntity)
            #expect(noBuild.apiError?.error == "build_required")
            let empty = try await app.api(.POST, "/products/aurora-os/bugs", json: #"{"title":"","steps":"播放","build":"\#(fixture.buildID)"}"#, token: token)
            #expect(empty.status == .unprocessableEntity)
            let made = try await app.api(
                .POST, "/products/aurora-os/bugs", json: #"{"title":"耳机没有声音","steps":"播放","build":"\#(fixture.buildID)","frequency":"often"}"#, token: token)
            #expect(made.status == .created)
            let list = try await app.api(.GET, "/products/aurora-os/bugs?status=open&sort=heat").content.decode(BugListDTO.self)
            #expect(list.total == 2)
            #expect(try await app.api(.GET, "/products/aurora-os/bugs?sort=loudest").status == .unprocessableEntity)
            #expect(try await app.api(.GET, "/products/aurora-os/bugs?build=abc").status == .unprocessableEntity)
            #expect(try await app.api(.GET, "/products/aurora-os/bugs/similar?title=夜景闪退").content.decode([BugDTO].self).first?.id == fixture.bugID)
            let verify = try await app.api(.POST, "/bugs/\(fixture.bugID)/verify", json: #"{"fixed":true,"build":\#(fixture.buildID)}"#, token: token)
            #expect(verify.status == .conflict)
            let status = try await app.api(.POST, "/bugs/\(fixture.bugID)/status", json: #"{"status":"shipped"}"#, token: token)
            #expect(status.status == .unprocessableEntity)
            let staff = try await app.apiToken(email: "staff@example.com")
            let bulk = try await app.api(
                .POST, "/products/aurora-os/bugs/bulk", json: #"{"bug_ids":[\#(fixture.bugID),999999],"action":"set_severity","severity":"critical"}"#, token: staff)
            let result = try bulk.content.decode(BulkResultDTO.self)
            #expect(result.done == [fixture.bugID])
            #expect(result.refused.map(\.id) == [999999])
            #expect(try await app.bugs.bug(fixture.bugID).severity == .critical)
            _ = try await app.api(.POST, "/bugs/\(fixture.bugID)/triage", json: #"{"module":"battery"}"#, token: staff)
            #expect(try await app.api(.GET, "/products/aurora-os/bugs?module=battery&severity=critical").content.decode(BugListDTO.self).total == 1)
            #expect(try await app.api(.GET, "/products/aurora-os/bugs?min_heat=1").content.decode(BugListDTO.self).total == 2)
            #expect(try await app.tallyMismatches() == 0)
        }
    }

    @Test func triagers_confirm_by_hand_and_set_severity_and_module_members_cannot() async throws {
        try await withTestApp { app in
            let fixture = try await BugFixture.make(app)
            let member = try await app.makeUser(email: "plain@example.com", name: "plain-member")
            let honorary = try await app.makeUser(email: "hon@example.com", name: "honorary-dev")
            try await PyramidService(app).setTier(honorary.requireID(), to: .honoraryDeveloper, reason: "test")
            let moderator = try await app.makeUser(email: "mod@example.com", name: "moderator-1", role: .moderator)
            await #expect(throws: CoreError.forbidden) { _ = try await app.bugs.setStatus(fixture.bugID, to: .confirmed, note: nil, by: member) }
            await #expect(throws: CoreError.forbidden) { try await app.bugs.triage(fixture.bugID, severity: .major, moduleKey: nil, by: member) }
            // A triager confirms, with who and why recorded, but the rest of the lifecycle is the team's.
            await #expect(throws: CoreError.forbidden) { _ = try await app.bugs.setStatus(fixture.bugID, to: .inProgress, note: nil, by: honorary) }
            let confirmed = try await app.bugs.setStatus(fixture.bugID, to: .confirmed, note: "复现了", by: honorary)
            #expect(confirmed.status == .confirmed)
            let event = try #require(try await app.bugs.history(of: fixture.bugID).last)
            #expect(event.kind == .confirmed)
            #expect(event.$actor.id == honorary.id)
            #expect(event.note == "复现了")
            try await app.bugs.triage(fixture.bugID, severity: .major, moduleKey: "battery", by: moderator)
            let bug = try await app.bugs.bug(fixture.bugID)
            #expect(bug.severity == .major)
            #expect(try await bug.$module.get(on: app.db)?.key == "battery")
            await #expect(throws: CoreError.self) { try await app.bugs.triage(fixture.bugID, severity: nil, moduleKey: "no-such-module", by: moderator) }
            #expect(try await app.tallyMismatches() == 0)
        }
    }

    @Test func attachments_are_checked_by_content_and_size_never_by_name() throws {
        func log(_ bytes: [UInt8], _ name: String = "a.log") -> BugAttachments.Incoming { .init(data: ByteBuffer(bytes: bytes), fileName: name) }
        let tooLarge = BugAttachments.Incoming(data: ByteBuffer(repeating: 0x61, count: BugRules.logMaxBytes + 1), fileName: "big.log")
        #expect(throws: BugError.attachmentTooLarge) { _ = try BugAttachments.checkLog(tooLarge) }
        #expect(throws: BugError.attachmentType) { _ = try BugAttachments.checkLog(log([0x61, 0x00, 0x62], "looks.txt")) }
        #expect(throws: BugError.attachmentType) { _ = try BugAttachments.checkLog(log([0xFF, 0xFE, 0x41])) }
        #expect(throws: BugError.attachmentType) { _ = try BugAttachments.checkLog(log([])) }
        #expect(try BugAttachments.checkLog(log([0x50, 0x4B, 0x03, 0x04, 0x14], "logs.txt")).contentType == "application/zip")
        #expect(try BugAttachments.checkLog(log(Array("蓝牙断开 reason=0x13\n".utf8), "bt.zip")).contentType.hasPrefix("text/plain"))
        #expect(throws: BugError.attachmentType) { _ = try BugAttachments.checkScreenshot(log(Array("not an image".utf8), "shot.png")) }
        let tooLargeImage = BugAttachments.Incoming(data: ByteBuffer(repeating: 0x61, count: UploadStore.maxBytes + 1), fileName: "big.png")
        #expect(throws: BugError.attachmentTooLarge) { _ = try BugAttachments.checkScreenshot(tooLargeImage) }
    }
}
