import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Forum: boards, threads and floors")
struct ThreadTests {
    @Test func admins_create_boards_and_members_cannot() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            let denied = try await app.api(.POST, "/boards", json: #"{"name":"x","description":"y"}"#, token: forum.fanToken)
            #expect(denied.status == .forbidden)
            let boards = try await app.api(.GET, "/boards")
            let list = try JSONSerialization.jsonObject(with: Data(boards.body.readableBytesView)) as? [[String: Any]]
            #expect(list?.count == 1)
            #expect(list?.first?["name_en"] as? String == "Daily use")
            let empty = try await app.api(.POST, "/boards", json: #"{"name":"","description":""}"#, token: forum.adminToken)
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.apiError?.field == "name_zh")
        }
    }

    @Test func replies_take_consecutive_floors_and_pages_of_twenty() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let (thread, first) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            for index in 1...21 {
                let reply = try await app.replyTo(thread, body: "第 \(index) 楼", quote: index == 1 ? first : nil, token: forum.fanToken)
                #expect(reply.status == .created)
                #expect(reply.json["floor"] as? Int == index + 1)
            }
            let page1 = try await app.api(.GET, "/threads/\(thread)")
            #expect((page1.json["posts"] as? [Any])?.count == 20)
            #expect(page1.json["page_count"] as? Int == 2)
            let page2 = try await app.api(.GET, "/threads/\(thread)?page=2")
            let floors = (page2.json["posts"] as? [[String: Any]])?.compactMap { $0["floor"] as? Int }
            #expect(floors == [21, 22])
            let threadInfo = page1.json["thread"] as? [String: Any]
            #expect(threadInfo?["reply_count"] as? Int == 21)
            // The quoting reply shows the quoted floor on the page.
            let html = try await Browser(app).get("/forum/threads/\(thread)").body.string
            #expect(html.contains("id=\"floor-2\""))
            #expect(html.contains("#1 米粉小王"))
            // A post's own address goes to its floor on its page.
            let lastPost = (page2.json["posts"] as? [[String: Any]])?.last?["id"] as? Int ?? 0
            let jump = try await Browser(app).get("/forum/posts/\(lastPost)")
            #expect(jump.headers.first(name: .location) == "/forum/threads/\(thread)?page=2#floor-22")
        }
    }

    @Test func simultaneous_replies_get_distinct_floors() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            try await withRunningServer(app) { base in
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for index in 0..<16 {
                        group.addTask {
                            try await app.client.post(URI(string: base + "/api/v1/threads/\(thread)/posts")) { req in
                                req.headers.bearerAuthorization = .init(token: forum.fanToken)
                                try req.content.encode(["body": "并发回复 \(index)"], as: .json)
                            }.status.code
                        }
                    }
                    return try await group.reduce(into: [UInt]()) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0 == 201 })
            }
            let floors = try await Post.query(on: app.db).filter(\.$thread.$id == thread).all().map(\.floor).sorted()
            #expect(floors == Array(1...17))
            let saved = try await ForumThread.find(thread, on: app.db)
            #expect(saved?.replyCount == 16)
            #expect(saved?.floorCount == 17)
        }
    }

    @Test func bad_input_gets_clear_errors_and_changes_nothing() async throws {
        try await withTestApp({ $0.forum.titleMax = 20 }) { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let noTitle = try await app.api(.POST, "/boards/\(forum.boardID)/threads", json: #"{"title":" ","body":"x"}"#, token: forum.fanToken)
            #expect(noTitle.status == .unprocessableEntity)
            #expect(noTitle.apiError?.field == "title")
            let long = try await app.api(
                .POST, "/boards/\(forum.boardID)/threads", json: #"{"title":"\#(String(repeating: "长", count: 21))","body":"x"}"#, token: forum.fanToken)
            #expect(long.status == .unprocessableEntity)
            let noBody = try await app.api(.POST, "/boards/\(forum.boardID)/threads", json: #"{"title":"标题","body":""}"#, token: forum.fanToken)
            #expect(noBody.apiError?.field == "body")
            let wrongType = try await app.api(.POST, "/boards/\(forum.boardID)/threads", json: #"{"title":5}"#, token: forum.fanToken)
            #expect(wrongType.status.code < 500)
            let missingBoard = try await app.api(.POST, "/boards/999/threads", json: #"{"title":"标题","body":"x"}"#, token: forum.fanToken)
            #expect(missingBoard.status == .notFound)
            #expect(try await ForumThread.query(on: app.db).count() == 0)
            #expect(try await Post.query(on: app.db).count() == 0)
        }
    }

    @Test func locked_threads_and_archived_boards_refuse_posts_with_a_reason() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            let lock = try await app.api(.POST, "/threads/\(thread)/moderation", json: #"{"action":"lock","reason":"吵架了"}"#, token: forum.adminToken)
            #expect(lock.status == .ok)
            let refused = try await app.replyTo(thread, body: "还能回复吗", token: forum.fanToken)
            #expect(refused.status == .conflict)
            #expect(refused.apiError?.error == "thread_locked")
            // The board's moderators (here an admin) still can.
            #expect(try await app.replyTo(thread, body: "版主说明", token: forum.adminToken).status == .created)

            let archive = try await app.api(.PATCH, "/boards/\(forum.boardID)", json: #"{"archived":true}"#, token: forum.adminToken)
            #expect(archive.status == .ok)
            let closed = try await app.api(.POST, "/boards/\(forum.boardID)/threads", json: #"{"title":"新主题","body":"内容"}"#, token: forum.fanToken)
            #expect(closed.apiError?.error == "board_archived")
        }
    }

    @Test func new_members_wait_between_posts_and_get_429_with_the_wait() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            let second = try await app.api(.POST, "/boards/\(forum.boardID)/threads", json: #"{"title":"再来一个","body":"内容"}"#, token: forum.fanToken)
            #expect(second.status == .tooManyRequests)
            #expect(second.headers.first(name: "Retry-After") == "30")
            #expect(try await app.replyTo(thread, body: "第一条回复", token: forum.fanToken).status == .created)
            let tooSoon = try await app.replyTo(thread, body: "第二条回复", token: forum.fanToken)
            #expect(tooSoon.status == .tooManyRequests)
            #expect(tooSoon.apiError?.reason.contains("10") == true)
            app.fixedClock.advance(by: 10)
            #expect(try await app.replyTo(thread, body: "第二条回复", token: forum.fanToken).status == .created)
        }
    }

    @Test func editing_keeps_history_for_moderators_and_marks_edited() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let (thread, first) = try await app.openThread(board: forum.boardID, body: "旧的内容", token: forum.fanToken)
            let edit = try await app.api(.PUT, "/posts/\(first)", json: #"{"title":"新的标题","body":"新的内容"}"#, token: forum.fanToken)
            #expect(edit.status == .ok)
            #expect(edit.json["edited_at"] != nil)
            let others = try await app.api(.PUT, "/posts/\(first)", json: #"{"body":"别人的"}"#, token: forum.adminToken)
            #expect(others.status == .forbidden)
            let revisions = try await PostRevision.query(on: app.db).all()
            #expect(revisions.map(\.body) == ["旧的内容"])
            #expect(try await ForumThread.find(thread, on: app.db)?.title == "新的标题")

            let admin = Browser(app)
            try await admin.login(email: "admin@example.com")
            let page = try await admin.get("/forum/threads/\(thread)").body.string
            #expect(page.contains("旧的内容"))
            let visitor = try await Browser(app).get("/forum/threads/\(thread)").body.string
            #expect(!visitor.contains("旧的内容"))
            #expect(visitor.contains("已编辑") || visitor.contains("edited"))
        }
    }

    @Test func deleting_your_post_keeps_the_floor() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            let reply = try await app.replyTo(thread, body: "说错了", token: forum.fanToken)
            let id = reply.json["id"] as? Int ?? 0
            #expect(try await app.api(.DELETE, "/posts/\(id)", token: forum.fanToken).status == .noContent)
            let page = try await app.api(.GET, "/threads/\(thread)")
            let posts = page.json["posts"] as? [[String: Any]] ?? []
            #expect(posts.count == 2)
            #expect(posts.last?["state"] as? String == "deleted")
            #expect(posts.last?["body"] == nil)
            #expect((page.json["thread"] as? [String: Any])?["reply_count"] as? Int == 0)
        }
    }

    @Test func views_are_counted_in_memory_and_written_in_batches() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            for _ in 0..<3 { _ = try await Browser(app).get("/forum/threads/\(thread)") }
            #expect(try await ForumThread.find(thread, on: app.db)?.viewCount == 0)
            try await app.viewCounter.flush(to: app.db)
            #expect(try await ForumThread.find(thread, on: app.db)?.viewCount == 3)
        }
    }

    @Test func forum_pages_render_in_both_languages() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            for language in ["zh-CN", "en"] {
                let browser = Browser(app, acceptLanguage: language)
                for path in ["/forum", "/forum/boards/\(forum.boardID)", "/forum/threads/\(thread)", "/search?q=相机"] {
                    let response = try await browser.get(path)
                    #expect(response.status == .ok, "\(path) \(language)")
                    #expect(response.body.string.contains("</html>"), "\(path) \(language)")
                }
            }
            let english = try await Browser(app, acceptLanguage: "en").get("/forum").body.string
            #expect(english.contains("Daily use"))
            let chinese = try await Browser(app, acceptLanguage: "zh-CN").get("/forum").body.string
            #expect(chinese.contains("日常使用"))
        }
    }
}
