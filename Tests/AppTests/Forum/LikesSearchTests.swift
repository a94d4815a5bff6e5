import Fluent
import Foundation
import NIOCore
import SQLKit
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

    /// `canyu_rank` must score as FTS5's own bm25 does when it is given the true document
    /// frequencies and the kept lengths (it only saves looking them up on every search), and the
    /// API must order by it. Posts are edited too, so kept lengths must follow.
    @Test func ranking_is_bm25_with_kept_document_frequencies() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let (thread, _) = try await app.openThread(board: forum.boardID, title: "相机评测", body: "夜景样张", token: forum.fanToken)
            let once = try await app.replyTo(thread, body: "今天天气不错，出去走走，顺便带了相机，拍了很多照片，风景很美", token: forum.fanToken).json["id"] as? Int ?? 0
            let thrice = try await app.replyTo(thread, body: "相机相机，还是相机", token: forum.fanToken).json["id"] as? Int ?? 0
            let edited = try await app.replyTo(thread, body: "夜景和相机", token: forum.fanToken).json["id"] as? Int ?? 0
            _ = try await app.api(.PUT, "/posts/\(edited)", json: #"{"body":"夜景和相机，这次写得长一些"}"#, token: forum.fanToken)
            // Posts without the words, so that their weights (document frequencies) matter.
            let (other, _) = try await app.openThread(board: forum.boardID, title: "续航", body: "电池", token: forum.fanToken)
            for body in ["充电很快", "信号不错", "屏幕很亮", "指纹很灵", "发热不大", "更新了"] {
                _ = try await app.replyTo(other, body: body, token: forum.fanToken)
            }
            // Over 127 tokens: its length takes two bytes in FTS5's record.
            _ = try await app.replyTo(other, body: String(repeating: "很长的一段话，", count: 30) + "夜景", token: forum.fanToken)
            let found = try await app.api(.GET, "/search?q=" + "相机".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            let order = (found.json["items"] as? [[String: Any]] ?? []).compactMap { $0["post_id"] as? Int }
            #expect(order.count == 4)
            // The title hit first; a short post saying it three times before a long one saying it once.
            #expect(order.first == order.min())
            #expect(order.last == once)
            #expect((order.firstIndex(of: thrice) ?? 9) < (order.firstIndex(of: once) ?? 0))

            guard let sql = app.db as? any SQLDatabase, !SearchIndex.isPostgres(sql) else { return }
            try await expectBM25(sql)
            // As the migration fills them in for an existing forum.
            try await sql.raw("UPDATE search_documents SET length = 0").run()
            try await SearchIndex(db: app.db).fillLengths()
            try await expectBM25(sql)
        }
    }

    private func expectBM25(_ sql: any SQLDatabase) async throws {
        for query in ["\"相机\"", "\"相机\" AND \"夜景\"", "\"夜景\""] {
            let phrases = query.components(separatedBy: " AND ")
            var frequencies: [any Encodable & Sendable] = []
            for phrase in phrases {
                frequencies.append(try await sql.raw("SELECT COUNT(*) AS n FROM search_fts WHERE search_fts MATCH \(bind: phrase)").first()!.decode(column: "n", as: Int.self))
            }
            let rows = try await sql.raw("""
                SELECT search_fts.rowid AS id, -bm25(search_fts, 4.0, 1.0) AS bm25, canyu_rank(search_fts, d.length, \(binds: frequencies)) AS ours,
                       canyu_rank(search_fts, 0, \(binds: frequencies)) AS looked_up, d.length
                FROM search_fts CROSS JOIN search_documents d ON d.post_id = search_fts.rowid WHERE search_fts MATCH \(bind: query)
                """).all()
            #expect(!rows.isEmpty)
            for row in rows {
                let bm25 = try row.decode(column: "bm25", as: Double.self)
                let ours = try row.decode(column: "ours", as: Double.self)
                let id = try row.decode(column: "id", as: Int.self)
                #expect(bm25 > 0.01 && abs(bm25 - ours) < 1e-9 * bm25, "\(query): post \(id)")
                // The kept length is FTS5's (0 would look it up, as bm25 does).
                #expect(try row.decode(column: "length", as: Int.self) > 0)
                #expect(try row.decode(column: "looked_up", as: Double.self) == ours)
            }
        }
    }

    @Test func the_search_page_filters_by_board_and_author_in_both_languages() async throws {
        try await withTestApp { app in
            let forum = try await ForumFixture.make(app)
            try await app.promoteToFan(forum.fan)
            let other = try await app.api(.POST, "/boards", json: #"{"name":"摄影","description":""}"#, token: forum.adminToken).json["id"] as? Int ?? 0
            _ = try await app.openThread(board: forum.boardID, title: "夜景样张", body: "夜景模式", token: forum.fanToken)
            _ = try await app.openThread(board: other, title: "夜景教程", body: "三脚架", token: forum.fanToken)
            func hits(_ query: String, _ language: String = "zh-CN") async throws -> (Int, String) {
                let page = try await Browser(app, acceptLanguage: language).get("/search?q=%E5%A4%9C%E6%99%AF" + query).body.string
                return (page.components(separatedBy: "class=\"search-hit\"").count - 1, page)
            }
            #expect(try await hits("").0 == 2)
            let (inOther, page) = try await hits("&board_id=\(other)")
            #expect(inOther == 1)
            #expect(page.contains("<option value=\"\(other)\" selected>摄影</option>"))
            // Not a number: searched everywhere, as if not given.
            #expect(try await hits("&board_id=abc&page=x").0 == 2)
            #expect(try await hits("&author=" + (forum.fan.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")).0 == 2)
            #expect(try await hits("&author=nobody-here").0 == 0)
            let (_, english) = try await hits("", "en")
            #expect(english.contains("Search"))
        }
    }

    @Test func highlighter_marks_whole_words_case_blind_and_escapes_the_rest() {
        #expect(Highlighter.mark("Camera, CAMERAS & camera<b>", ["camera"]) == "<mark>Camera</mark>, CAMERAS &amp; <mark>camera</mark>&lt;b>")
        #expect(Highlighter.mark("Épée and épée", ["épée"]) == "<mark>Épée</mark> and <mark>épée</mark>")
        #expect(Highlighter.mark("小米相机和相机", ["相机", "小米"]) == "<mark>小米</mark><mark>相机</mark>和<mark>相机</mark>")
        #expect(Highlighter.mark("👨‍👩‍👧 相机", ["相机"]) == "👨‍👩‍👧 <mark>相机</mark>")
        let long = String(repeating: "很长的一段话，", count: 40) + "最后说到\n\n  相机。" + String(repeating: "后面还有很多字", count: 40)
        let snippet = Highlighter.snippet(of: long, ["相机"])
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
        #expect(snippet.contains("最后说到 <mark>相机</mark>。"))
        #expect(snippet.count <= Highlighter.snippetLength + 2 + "<mark></mark>".count)
        #expect(Highlighter.snippet(of: "  short\tbody  ", ["none"]) == "short body")
    }

    @Test func the_written_results_are_the_encoded_results() throws {
        let hit = SearchService.Hit(
            postID: 12, threadID: 3, floor: 2, threadTitle: "引号 \" 反斜杠 \\ 换行\n <b>", boardID: 1, authorID: 9, authorName: "米粉 \u{01}",
            createdAt: Date(timeIntervalSince1970: 1_795_000_000.75), titleHTML: "<mark>相机</mark>", snippetHTML: "…/斜杠…")
        for capped in [true, false] {
            let dto = SearchResultsDTO(.init(hits: [hit, hit], total: 41, capped: capped, page: 2, perPage: 20))
            let parse = { (bytes: ByteBuffer) in try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? NSDictionary }
            #expect(try parse(dto.json) == parse(try JSONBytes.encode(dto)))
            #expect(try parse(dto.json)?["capped"] as? Bool == capped)
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
