import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Forum: moderation, notifications, uploads, XSS")
struct ModerationTests {
    @Test func board_moderators_pin_and_feature_with_credit_audit_and_notification() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let moderator = try await app.makeUser(email: "mod@example.com", name: "版主老李")
            let modToken = try await app.apiToken(email: "mod@example.com")
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            // Not yet a moderator of the board: refused.
            #expect(try await app.api(.POST, "/threads/\(thread)/moderation", json: #"{"action":"pin"}"#, token: modToken).status == .forbidden)
            try await BoardAdminService(db: app.db, clock: app.clock).addModerator(named: "版主老李", to: forum.boardID, by: forum.admin)
            #expect(try await app.api(.POST, "/threads/\(thread)/moderation", json: #"{"action":"pin"}"#, token: modToken).json["pinned"] as? Bool == true)
            let featured = try await app.api(.POST, "/threads/\(thread)/moderation", json: #"{"action":"feature","reason":"好帖"}"#, token: modToken)
            #expect(featured.json["featured"] as? Bool == true)
            // Featuring twice pays once.
            _ = try await app.api(.POST, "/threads/\(thread)/moderation", json: #"{"action":"unfeature"}"#, token: modToken)
            _ = try await app.api(.POST, "/threads/\(thread)/moderation", json: #"{"action":"feature"}"#, token: modToken)
            #expect(try await StandingService(app).ledger.balance(of: forum.fan.requireID()) == 2 + 5)
            let log = try await ModerationLogEntry.query(on: app.db).sort(\.$id).all()
            #expect(log.map(\.action) == ["pin", "feature", "unfeature", "feature"])
            #expect(log[0].before.contains("pinned=false") && log[0].after.contains("pinned=true"))
            #expect(log.allSatisfy { $0.$actor.id == moderator.id })
            #expect(try await MemberNotification.query(on: app.db).filter(\.$kind == .moderation).count() == 4)
            // The audit log is for staff.
            #expect(try await app.api(.GET, "/moderation-log", token: modToken).status == .forbidden)
            #expect(try await app.api(.GET, "/moderation-log", token: forum.adminToken).status == .ok)
            // Pinned threads come first on the board.
            let (later, _) = try await app.openThread(board: forum.boardID, title: "后来的主题", token: forum.fanToken)
            let list = try await app.api(.GET, "/boards/\(forum.boardID)/threads").json["items"] as? [[String: Any]] ?? []
            #expect(list.compactMap { $0["id"] as? Int } == [thread, later])
        }
    }

    @Test func reports_form_a_queue_and_hiding_deducts_credits() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            try await app.makeUser(email: "other@example.com", name: "路人")
            let otherToken = try await app.apiToken(email: "other@example.com")
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            let reply = try await app.replyTo(thread, body: "广告广告", token: forum.fanToken).json["id"] as? Int ?? 0
            let report = try await app.api(.POST, "/posts/\(reply)/reports", json: #"{"reason":"广告"}"#, token: otherToken)
            #expect(report.status == .created)
            #expect(try await app.api(.POST, "/posts/\(reply)/reports", json: #"{"reason":"广告"}"#, token: otherToken).status == .conflict)
            #expect(try await app.api(.POST, "/posts/\(reply)/reports", json: #"{"reason":""}"#, token: otherToken).status == .unprocessableEntity)
            let queue = try await app.api(.GET, "/reports", token: forum.adminToken)
            #expect(queue.body.string.contains("广告"))
            #expect(try await app.api(.GET, "/reports", token: otherToken).status == .forbidden)
            let noReason = try await app.api(.POST, "/posts/\(reply)/moderation", json: #"{"action":"hide"}"#, token: forum.adminToken)
            #expect(noReason.apiError?.field == "reason")
            #expect(try await app.api(.POST, "/posts/\(reply)/moderation", json: #"{"action":"hide","reason":"广告"}"#, token: forum.adminToken).status == .noContent)
            let reportID = report.json["id"] as? Int ?? 0
            #expect(try await app.api(.POST, "/reports/\(reportID)/resolve", json: #"{"outcome":"resolved","note":"已屏蔽"}"#, token: forum.adminToken).status == .noContent)
            #expect(try await PostReport.find(reportID, on: app.db)?.status == .resolved)
            // Thread +2, reply +1, reply removed -5.
            #expect(try await StandingService(app).ledger.balance(of: forum.fan.requireID()) == 2 + 1 - 5)
            // Hidden: the author and moderators see it, others don't.
            let post = try await app.api(.GET, "/posts/\(reply)")
            #expect(post.json["body"] == nil)
            #expect(try await app.api(.GET, "/posts/\(reply)", token: forum.fanToken).json["body"] as? String == "广告广告")
        }
    }

    @Test func muted_members_read_but_cannot_post_and_banned_ones_cannot_log_in() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            let fanID = try forum.fan.requireID()
            let mute = try await app.api(.POST, "/users/\(fanID)/sanctions", json: #"{"kind":"mute","hours":24,"reason":"刷屏"}"#, token: forum.adminToken)
            #expect(mute.status == .created)
            let refused = try await app.replyTo(thread, body: "我还能说话吗", token: forum.fanToken)
            #expect(refused.status == .forbidden)
            #expect(refused.apiError?.error == "muted")
            #expect(try await app.api(.GET, "/threads/\(thread)", token: forum.fanToken).status == .ok)
            #expect(try await app.api(.POST, "/users/\(fanID)/sanctions", json: #"{"kind":"mute","hours":0,"reason":"x"}"#, token: forum.adminToken).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/users/\(fanID)/sanctions", json: #"{"kind":"ban","hours":1,"reason":"x"}"#, token: forum.fanToken).status == .forbidden)

            let browser = Browser(app)
            #expect(try await browser.login(email: "fan@example.com").status == .seeOther)
            let ban = try await app.api(.POST, "/users/\(fanID)/sanctions", json: #"{"kind":"ban","hours":48,"reason":"屡教不改"}"#, token: forum.adminToken)
            #expect(ban.status == .created)
            // The session ended, the token stopped working, and logging in says why and until when.
            #expect(try await browser.get("/settings").status == .seeOther)
            #expect(try await app.api(.GET, "/notifications", token: forum.fanToken).status == .unauthorized)
            let login = try await Browser(app).login(email: "fan@example.com")
            #expect(login.status == .forbidden)
            #expect(login.body.string.contains("屡教不改"))
            let apiLogin = try await app.api(.POST, "/tokens", json: #"{"email":"fan@example.com","password":"correct horse","label":"x"}"#)
            #expect(apiLogin.apiError?.error == "banned")
            // Muting cost 40 and banning 50 credits, by standing's rules; both are in the log.
            #expect(try await StandingService(app).ledger.balance(of: fanID) == 2 - 40 - 50)
            #expect(try await ModerationLogEntry.query(on: app.db).all().map(\.action) == ["mute", "ban"])
            app.fixedClock.advance(by: 49 * 3600)
            #expect(try await Browser(app).login(email: "fan@example.com").status == .seeOther)
        }
    }

    @Test func replies_quotes_and_mentions_notify_and_preferences_route_email_to_the_outbox() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let friend = try await app.makeUser(email: "friend@example.com", name: "Alice")
            let friendToken = try await app.apiToken(email: "friend@example.com")
            try await app.promoteToFan(friend)
            try await app.makeUser(email: "third@example.com", name: "Bob")
            let (thread, first) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            // Email for replies, by the fan's choice.
            let prefs = try await app.api(.PUT, "/notifications/preferences", json: #"[{"kind":"reply","in_app":true,"email":true}]"#, token: forum.fanToken)
            #expect(prefs.status == .ok)
            #expect(try await app.replyTo(thread, body: "同意 @Bob 的看法", quote: first, token: friendToken).status == .created)
            let list = try await app.api(.GET, "/notifications", token: forum.fanToken)
            #expect(list.json["unread"] as? Int == 1)  // the reply; the quote of the same person isn't doubled
            let items = list.json["items"] as? [[String: Any]] ?? []
            #expect((items.first?["text"] as? String)?.contains("Alice") == true)
            let bob = try await app.apiToken(email: "third@example.com")
            #expect(try await app.api(.GET, "/notifications", token: bob).json["unread"] as? Int == 1)
            let outbox = try await OutboxEmail.query(on: app.db).all()
            #expect(outbox.count == 1)
            #expect(outbox.first?.toAddress == "fan@example.com")
            #expect(outbox.first?.status == .pending)
            let read = try await app.api(.POST, "/notifications/read", token: forum.fanToken)
            #expect(read.json["unread"] as? Int == 0)
            // The header shows the unread count on pages.
            let browser = Browser(app)
            try await browser.login(email: "third@example.com")
            #expect(try await browser.get("/forum").body.string.contains("id=\"unread-count\">1<"))
        }
    }

    @Test func outbox_mailer_sends_through_sendmail_and_retries_failures() async throws {
        try await withTestApp { app in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canyu-mail-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let good = dir.appendingPathComponent("sendmail-ok").path
            let bad = dir.appendingPathComponent("sendmail-fail").path
            try "#!/bin/sh\ncat > \(dir.path)/sent.eml\n".write(toFile: good, atomically: true, encoding: .utf8)
            try "#!/bin/sh\ncat > /dev/null\nexit 75\n".write(toFile: bad, atomically: true, encoding: .utf8)
            for path in [good, bad] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
            try await OutboxEmail(userID: nil, to: "fan@example.com", subject: "[参与] 你好", body: "正文", createdAt: app.clock.now()).create(on: app.db)
            let failing = OutboxMailer(db: app.db, clock: app.clock, sendmailPath: bad, fromAddress: "Canyu <no-reply@example.com>")
            #expect(try await failing.deliverDue() == 0)
            var email = try await OutboxEmail.query(on: app.db).first()!
            #expect(email.status == .pending)
            #expect(email.attempts == 1)
            #expect(try await failing.deliverDue() == 0)  // not due yet: backing off
            app.fixedClock.advance(by: 61)
            let working = OutboxMailer(db: app.db, clock: app.clock, sendmailPath: good, fromAddress: "Canyu <no-reply@example.com>")
            #expect(try await working.deliverDue() == 1)
            email = try await OutboxEmail.query(on: app.db).first()!
            #expect(email.status == .sent)
            let sent = try String(contentsOfFile: dir.path + "/sent.eml", encoding: .utf8)
            #expect(sent.contains("To: fan@example.com"))
            #expect(sent.contains("正文"))
        }
    }

    @Test func sendmail_gets_the_whole_message_and_its_failures_are_told_apart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canyu-sendmail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func program(_ name: String, _ script: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try "#!/bin/sh\n\(script)\n".write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            return path
        }
        // Larger than a pipe's buffer, so the writes must wait for the reader.
        let message = "To: fan@example.com\r\n\r\n" + String(repeating: "参与感。", count: 40_000)
        try await Sendmail.send(message, path: try program("ok", "echo \"$@\" > \(dir.path)/args; cat > \(dir.path)/sent"))
        #expect(try String(contentsOfFile: dir.path + "/sent", encoding: .utf8) == message)
        #expect(try String(contentsOfFile: dir.path + "/args", encoding: .utf8) == "-t -i\n")
        await #expect(throws: Sendmail.Failed.self) { try await Sendmail.send(message, path: try program("fails", "cat > /dev/null; exit 75")) }
        do {
            try await Sendmail.send(message, path: try program("killed", "kill -9 $$"))
            Issue.record("a killed sendmail must fail")
        } catch let failed as Sendmail.Failed {
            #expect(failed.status == 128 + 9)
        } catch let notRead as Sendmail.CouldNotRun {
            // It died before reading: the write fails (EPIPE) and this process lives on.
            #expect(notRead.code == EPIPE)
        }
        await #expect(throws: Sendmail.CouldNotRun.self) { try await Sendmail.send("x", path: dir.path + "/missing") }
    }

    @Test func images_are_checked_by_content_stored_by_hash_and_cached_for_ever() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canyu-uploads-\(UUID().uuidString)").path
        try await withTestApp({ $0.uploadsDirectory = dir }) { app in
            let forum = try await ForumFixture.make(app)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 1, count: 64)
            func upload(_ bytes: [UInt8], name: String) async throws -> TestingHTTPResponse {
                var body = ByteBuffer()
                body.writeString("--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: image/png\r\n\r\n")
                body.writeBytes(bytes)
                body.writeString("\r\n--X--\r\n")
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: forum.fanToken)
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=X")
                return try await app.testing().sendRequest(.POST, "/api/v1/uploads", headers: headers, body: body)
            }
            let ok = try await upload(png, name: "夜景<script>.png")
            #expect(ok.status == .created)
            let url = ok.json["url"] as? String ?? ""
            #expect(url.hasPrefix("/uploads/") && url.hasSuffix(".png"))
            #expect((ok.json["markdown"] as? String)?.contains("<") == false)
            let fake = try await upload(Array("<html><script>alert(1)</script>".utf8), name: "photo.png")
            #expect(fake.status == .unsupportedMediaType)
            #expect(try await upload(png, name: "again.png").json["url"] as? String == url)
            #expect(try await Upload.query(on: app.db).count() == 1)
            let served = try await app.testing().sendRequest(.GET, url)
            #expect(served.status == .ok)
            #expect(served.headers.contentType == HTTPMediaType(type: "image", subType: "png"))
            #expect(served.headers.first(name: .cacheControl)?.contains("immutable") == true)
            let traversal = try await app.testing().sendRequest(.GET, "/uploads/..%2F..%2Fetc%2Fpasswd")
            #expect([.notFound, .forbidden].contains(traversal.status), "\(traversal.status)")
        }
    }

    @Test func xss_payloads_render_inert_in_titles_bodies_and_names() async throws {
        let payloads = [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "[x](javascript:alert(1))",
            "![a\" onerror=\"alert(1)](/uploads/x.png)", "<a href=\"javascript:alert(1)\">x</a>", "<iframe src=//evil>", "`<script>`",
            "[x](JaVaScRiPt:alert(1))", "<details open ontoggle=alert(1)>", "![x](https://evil.example/track.png)",
        ]
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            for payload in payloads {
                let (thread, _) = try await app.openThread(board: forum.boardID, title: "标题 " + payload, body: "内容 " + payload, token: forum.fanToken)
                let html = try await Browser(app).get("/forum/threads/\(thread)").body.string
                for bad in ["<script>alert", "<img src=x", "<svg", "<iframe", "<details open", "href=\"javascript:", "src=\"https://evil", "\" onerror=\""] {
                    #expect(!html.lowercased().contains(bad.lowercased()), "\(payload) → \(bad)")
                }
            }
            let board = try await Browser(app).get("/forum/boards/\(forum.boardID)").body.string
            #expect(!board.contains("<script>alert"))
            let search = try await Browser(app).get("/search?q=script").body.string
            #expect(!search.contains("<script>alert"))
        }
    }
}

@Suite("Multipart guard")
struct MultipartGuardTests {
    @Test func a_non_ascii_header_name_is_refused_before_the_parser_sees_it() async throws {
        let good = Array("--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"夜景.png\"\r\n\r\ndata\r\n--X--\r\n".utf8)
        #expect(MultipartGuard.headerNamesAreASCII(good, boundary: "X"))
        let bad = Array("--X\r\nContent-Disposition: form-data\r\n名字: x\r\n\r\ndata\r\n--X--\r\n".utf8)
        #expect(!MultipartGuard.headerNamesAreASCII(bad, boundary: "X"))
        try await withTestApp { app in
            _ = try await app.makeUser()
            let token = try await app.apiToken()
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=X")
            let response = try await app.testing().sendRequest(.POST, "/api/v1/uploads", headers: headers, body: ByteBuffer(bytes: bad))
            #expect(response.status == .badRequest)
        }
    }
}
