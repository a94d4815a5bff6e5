import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Members' forum pages come from shared page shells (`MemberPageCache`): each member must still
/// see their own name, token, likes and posts, and their own changes at once.
@Suite("Forum: members' pages from shared shells")
struct MemberPagesTests {
    /// A member logged in through the page, with the CSRF token of their session.
    private static func member(_ app: Application, email: String) async throws -> (Browser, String) {
        let browser = Browser(app, acceptLanguage: "en")
        try await browser.login(email: email)
        let settings = try await browser.get("/settings")
        let token = try #require(Browser.csrf(in: settings.body.string))
        return (browser, token)
    }

    @Test func a_search_page_is_rendered_once_for_visitors_and_members_alike() async throws {
        try await withTestApp({ $0.listCacheSeconds = 5 }) { app in
            let forum = try await ForumFixture.make(app)
            try await app.makeUser(email: "reader@example.com", name: "Reader")
            try await app.makeUser(email: "third@example.com", name: "Third")
            _ = try await app.openThread(board: forum.boardID, title: "夜景样张", body: "夜景模式", token: forum.fanToken)
            let path = "/search?q=%E5%A4%9C%E6%99%AF"
            let visitor = Browser(app, acceptLanguage: "en")
            #expect(try await visitor.get(path).headers.first(name: "X-Canyu-Cache") == nil)
            let again = try await visitor.get(path)
            #expect(again.headers.first(name: "X-Canyu-Cache") == "hit")
            #expect(again.body.string.components(separatedBy: "class=\"search-hit\"").count == 2)

            let (reader, readerToken) = try await Self.member(app, email: "reader@example.com")
            let (third, thirdToken) = try await Self.member(app, email: "third@example.com")
            #expect(try await reader.get(path).headers.first(name: "X-Canyu-Cache") == nil)
            let thirdPage = try await third.get(path)
            #expect(thirdPage.headers.first(name: "X-Canyu-Cache") == "member")
            let html = thirdPage.body.string
            #expect(html.contains("<span class=\"me-name\">Third</span>"))
            #expect(!html.contains("Reader"))
            #expect(html.contains(thirdToken))
            #expect(!html.contains(readerToken))
            #expect(html.components(separatedBy: "class=\"search-hit\"").count == 2)
            // Another search is another page.
            #expect(try await third.get("/search?q=%E6%A8%A1%E5%BC%8F").headers.first(name: "X-Canyu-Cache") == nil)
        }
    }

    @Test func members_share_a_thread_page_each_with_their_own_parts() async throws {
        try await withTestApp({ $0.memberCacheSeconds = 5 }) { app in
            let forum = try await ForumFixture.make(app)
            try await app.makeUser(email: "reader@example.com", name: "Reader")
            try await app.makeUser(email: "third@example.com", name: "Third")
            let (thread, first) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            let path = "/forum/threads/\(thread)"
            let (reader, readerToken) = try await Self.member(app, email: "reader@example.com")
            let (third, thirdToken) = try await Self.member(app, email: "third@example.com")

            let readerPage = try await reader.get(path)
            #expect(readerPage.status == .ok)
            #expect(readerPage.headers.first(name: "X-Canyu-Cache") == nil)
            let thirdPage = try await third.get(path)
            #expect(thirdPage.headers.first(name: "X-Canyu-Cache") == "member")
            let html = thirdPage.body.string
            #expect(html.contains("<span class=\"me-name\">Third</span>"))
            #expect(!html.contains("Reader"))
            #expect(html.contains("value=\"\(thirdToken)\""))
            #expect(!html.contains(readerToken))
            #expect(!html.contains("\u{E000}"))
            #expect(html.contains("/forum/posts/\(first)/report"))
            #expect(!html.contains("/forum/posts/\(first)/edit"))

            // A like shows at once, as pressed for the one who liked and as a count for everyone.
            let liked = try await third.post("/forum/posts/\(first)/like", ["action": "like"])
            #expect(liked.status == .seeOther)
            let afterLike = try await third.get(path)
            #expect(afterLike.headers.first(name: "X-Canyu-Cache") == "member")
            #expect(afterLike.body.string.contains("aria-pressed=\"true\">♥ <span class=\"like-count\">1</span>"))
            #expect(afterLike.body.string.contains("name=\"action\" value=\"unlike\""))
            let othersView = try await reader.get(path)
            #expect(othersView.body.string.contains("aria-pressed=\"false\">♥ <span class=\"like-count\">1</span>"))

            // The author's page has their own tools on their floor.
            let (author, _) = try await Self.member(app, email: "fan@example.com")
            let own = try await author.get(path).body.string
            #expect(own.contains("/forum/posts/\(first)/edit"))
            #expect(!own.contains("/forum/posts/\(first)/report"))

            // A reply through the page is on the page the member is sent back to.
            let replied = try await reader.post("/forum/threads/\(thread)/reply", ["body": "夜景确实清楚"])
            #expect(replied.status == .seeOther)
            let afterReply = try await reader.get(path)
            #expect(afterReply.headers.first(name: "X-Canyu-Cache") == nil)
            #expect(afterReply.body.string.contains("夜景确实清楚"))
            #expect(try await third.get(path).body.string.contains("夜景确实清楚"))
            // ... and its author was told (of the like and the reply): their header counts it, no
            // one else's does.
            let told = try await author.get(path).body.string
            #expect(told.contains("id=\"unread-count\">2</span>"))
            #expect(!(try await third.get(path).body.string.contains("id=\"unread-count\"")))

            // An edit shows at once too.
            _ = try await author.get("/forum/posts/\(first)/edit")
            let edited = try await author.post("/forum/posts/\(first)/edit", ["title": "小米相机夜景测试", "body": "改过的正文"])
            #expect(edited.status == .seeOther)
            #expect(try await third.get(path).body.string.contains("改过的正文"))

            // Moderators get their tools, rendered for them.
            let (admin, _) = try await Self.member(app, email: "admin@example.com")
            let moderated = try await admin.get(path)
            #expect(moderated.headers.first(name: "X-Canyu-Cache") == nil)
            #expect(moderated.body.string.contains("id=\"thread-moderation\""))
            #expect(!(try await third.get(path).body.string.contains("thread-moderation")))

            // Pinning it (a moderator's change) shows to members at once.
            _ = try await admin.post("/forum/threads/\(thread)/moderate", ["action": "pin", "reason": ""])
            #expect(try await third.get(path).body.string.contains("id=\"marker-pinned\""))
        }
    }

    @Test func a_board_page_is_shared_by_members_and_shows_a_new_thread_at_once() async throws {
        try await withTestApp({ $0.memberCacheSeconds = 5 }) { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            try await app.makeUser(email: "reader@example.com", name: "Reader")
            let path = "/forum/boards/\(forum.boardID)"
            let (fan, _) = try await Self.member(app, email: "fan@example.com")
            let (reader, _) = try await Self.member(app, email: "reader@example.com")
            #expect(try await fan.get(path).headers.first(name: "X-Canyu-Cache") == nil)
            let shared = try await reader.get(path)
            #expect(shared.headers.first(name: "X-Canyu-Cache") == "member")
            #expect(shared.body.string.contains("<span class=\"me-name\">Reader</span>"))
            #expect(shared.body.string.contains("id=\"new-thread\""))

            _ = try await fan.get("/forum/boards/\(forum.boardID)/new")
            let created = try await fan.post("/forum/boards/\(forum.boardID)/new", ["title": "续航实测一周", "body": "每天充一次电"])
            #expect(created.status == .seeOther)
            let after = try await fan.get(path)
            #expect(after.headers.first(name: "X-Canyu-Cache") == nil)
            #expect(after.body.string.contains("续航实测一周"))
        }
    }

    @Test func pages_far_past_the_end_and_missing_threads_are_answered_as_usual() async throws {
        try await withTestApp({ $0.memberCacheSeconds = 5 }) { app in
            let forum = try await ForumFixture.make(app)
            let (thread, _) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            let (fan, _) = try await Self.member(app, email: "fan@example.com")
            #expect(try await fan.get("/forum/threads/\(thread)?page=9223372036854775807").status == .ok)
            #expect(try await fan.get("/forum/threads/\(thread)?page=99").status == .ok)
            #expect(try await fan.get("/forum/threads/\(thread + 1000)").status == .notFound)
            #expect(try await fan.get("/forum/boards/\(forum.boardID + 1000)").status == .notFound)
        }
    }
}

@Suite("Page shells")
struct PageShellTests {
    @Test func holes_are_filled_escaped_and_lookalikes_are_left_alone() {
        let marker = PageShell.Marker.random()
        let other = PageShell.Marker.random()
        let page = "<p>\(marker.hole("name"))</p><i>\(other.hole("name"))</i>\(marker.hole("count"))<b>end</b>"
        let shell = PageShell(parsing: ByteBuffer(string: page), marker: marker, contentType: "text/html")
        let filled = String(buffer: shell.filled(["name": "<Tom & \"Jerry\">", "count": "3"]))
        #expect(filled == "<p>&lt;Tom &amp; &quot;Jerry&quot;&gt;</p><i>\(other.hole("name"))</i>3<b>end</b>")
        let empty = String(buffer: PageShell(parsing: ByteBuffer(string: "plain"), marker: marker, contentType: "text/html").filled([:]))
        #expect(empty == "plain")
    }
}
