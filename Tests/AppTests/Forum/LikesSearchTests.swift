import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Forum: likes and search")
struct LikesSearchTests {
    @Test func likes_are_one_per_member_and_exact_under_concurrency() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let (_, post) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
            let tokens = try await app.makeLikers(12)
            try await app.likeAllAtOnce(post, tokens: tokens + tokens + tokens)
            #expect(try await app.forumPost(post).likeCount == 12)
            let undo = try await app.api(.DELETE, "/posts/\(post)/like", token: tokens[0])
            #expect(undo.json["like_count"] as? Int == 11)
            #expect(undo.json["liked"] as? Bool == false)
            let again = try await app.api(.DELETE, "/posts/\(post)/like", token: tokens[0])
            #expect(again.json["like_count"] as? Int == 11)
            // The author earned "like received" credits, at most 20 a day, and one grouped notification.
            #expect(try await StandingService(app).ledger.balance(of: forum.fan.requireID()) == 2 + 12)
            let notes = try await MemberNotification.query(on: app.db).filter(\.$kind == .like).all()
            #expect(notes.count == 1)
            #expect(notes.first?.actorCount == 12)
        }
    }

    @Test func two_chinese_characters_find_every_post_containing_them() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let (thread, _) = try await app.openThread(board: forum.boardID, title: "新机上手", body: "小米的相机很好", token: forum.fanToken)
            _ = try await app.replyTo(thread, body: "我也觉得相机不错，电池续航一般", token: forum.fanToken)
            _ = try await app.replyTo(thread, body: "Battery life is great, the camera too", token: forum.fanToken)
            _ = try await app.replyTo(thread, body: "照相机和摄像头", token: forum.fanToken)
            let camera = try await app.api(.GET, "/search?q=" + "相机".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(camera.json["total"] as? Int == 3)
            let items = camera.json["items"] as? [[String: Any]] ?? []
            #expect(items.allSatisfy { ($0["snippet_html"] as? String)?.contains("<mark>相机</mark>") == true })
            let battery = try await app.api(.GET, "/search?q=battery")
            #expect(battery.json["total"] as? Int == 1)
            // English matches whole words: "bat" is not "battery".
            #expect(try await app.api(.GET, "/search?q=bat").json["total"] as? Int == 0)
            let title = try await app.api(.GET, "/search?q=" + "上手".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(title.json["total"] as? Int == 1)
            let single = try await app.api(.GET, "/search?q=" + "池".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(single.json["total"] as? Int == 1)
            let operators = try await app.api(.GET, "/search?q=" + "\"AND OR * ( NEAR".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(operators.status == .ok)
        }
    }

    @Test func search_follows_edits_deletes_moves_and_filters() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let other = try await app.api(.POST, "/boards", json: #"{"name":"摄影","description":""}"#, token: forum.adminToken).json["id"] as? Int ?? 0
            let (thread, first) = try await app.openThread(board: forum.boardID, title: "夜景", body: "夜景模式", token: forum.fanToken)
            let reply = try await app.replyTo(thread, body: "续航测试", token: forum.fanToken).json["id"] as? Int ?? 0
            func count(_ query: String, _ extra: String = "") async throws -> Int? {
                try await app.api(.GET, "/search?q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + extra).json["total"] as? Int
            }
            #expect(try await count("续航") == 1)
            _ = try await app.api(.PUT, "/posts/\(reply)", json: #"{"body":"充电速度"}"#, token: forum.fanToken)
            #expect(try await count("续航") == 0)
            #expect(try await count("充电") == 1)
            #expect(try await count("夜景", "&board_id=\(forum.boardID)") == 1)
            let moved = try await app.api(.POST, "/threads/\(thread)/moderation", json: #"{"action":"move","reason":"更合适","board_id":\#(other)}"#, token: forum.adminToken)
            #expect(moved.status == .ok)
            #expect(try await count("夜景", "&board_id=\(forum.boardID)") == 0)
            #expect(try await count("夜景", "&board_id=\(other)") == 1)
            #expect(try await count("夜景", "&author_id=\(try forum.fan.requireID())") == 1)
            _ = try await app.api(.DELETE, "/posts/\(reply)", token: forum.fanToken)
            #expect(try await count("充电") == 0)
            _ = try await app.api(.POST, "/posts/\(first)/moderation", json: #"{"action":"hide","reason":"广告"}"#, token: forum.adminToken)
            #expect(try await count("夜景") == 0)
            let tooLong = try await app.api(.GET, "/search?q=" + String(repeating: "a", count: 101))
            #expect(tooLong.status == .unprocessableEntity)
        }
    }

    @Test func search_terms_split_cjk_into_bigrams_and_keep_words() {
        #expect(SearchTerms.terms(of: "小米相机 Camera!") == ["小米", "米相", "相机", "机", "camera"])
        #expect(SearchTerms.parts(of: "小米 battery 池") == [.bigrams(["小米"]), .word("battery"), .prefix("池")])
        #expect(SearchService.ftsQuery([.bigrams(["小米", "米相"]), .word("x")]) == #""小米 米相" AND "x""#)
        #expect(SearchService.tsquery([.bigrams(["小米", "米相"]), .prefix("池")]) == "('小米' <-> '米相') & '池':*")
        #expect(Highlighter.mark("<b>相机</b>", ["相机"]) == "&lt;b>&lt;mark>相机&lt;/mark>".replacingOccurrences(of: "&lt;mark>", with: "<mark>").replacingOccurrences(of: "&lt;/mark>", with: "</mark>") + "&lt;/b>")
    }
}

extension Application {
    func forumPost(_ id: Int) async throws -> Post {
        try await Post.find(id, on: db)!
    }
}
