import Fluent
import Foundation
import SQLKit

/// Boards in both languages, a few thousand threads with tens of thousands of replies and likes,
/// pinned announcements, featured threads, and a moderator at work (through the real service,
/// so the audit log and notifications are real too).
struct ForumDemoStep: DemoStep {
    static let threadCount = 2_000
    static let averageReplies = 10

    var title: String { "forum" }

    func units(_ context: DemoContext) -> Int { Self.threadCount / 100 + 2 }

    private struct BoardSeed {
        let icon: String, nameZh: String, nameEn: String, descriptionZh: String, descriptionEn: String, category: Int
    }

    private let boards = [
        BoardSeed(icon: "📢", nameZh: "官方公告", nameEn: "Announcements", descriptionZh: "版本更新、活动与版规", descriptionEn: "Releases, events and rules", category: 0),
        BoardSeed(icon: "📱", nameZh: "日常使用", nameEn: "Daily use", descriptionZh: "用机心得与技巧", descriptionEn: "Tips and experiences", category: 1),
        BoardSeed(icon: "📷", nameZh: "摄影", nameEn: "Photography", descriptionZh: "晒照片、聊相机", descriptionEn: "Photos and cameras", category: 1),
        BoardSeed(icon: "🆘", nameZh: "求助", nameEn: "Help", descriptionZh: "遇到问题来这里问", descriptionEn: "Ask for help", category: 1),
        BoardSeed(icon: "☕", nameZh: "灌水闲聊", nameEn: "Off-topic", descriptionZh: "什么都可以聊", descriptionEn: "Anything goes", category: 2),
    ]

    func seed(_ context: DemoContext) async throws {
        let db = context.db
        guard let sql = db as? any SQLDatabase else { return }
        let now = context.now
        var categoryIDs: [Int] = []
        for (index, names) in [("官方", "Official"), ("交流", "Community"), ("生活", "Life")].enumerated() {
            let category = ForumCategory(nameZh: names.0, nameEn: names.1, position: index, createdAt: now)
            try await category.create(on: db)
            categoryIDs.append(try category.requireID())
        }
        var boardIDs: [Int] = []
        for (index, seed) in boards.enumerated() {
            let board = Board(
                categoryID: categoryIDs[seed.category], nameZh: seed.nameZh, nameEn: seed.nameEn, descriptionZh: seed.descriptionZh,
                descriptionEn: seed.descriptionEn, icon: seed.icon, position: index, createdAt: now)
            try await board.create(on: db)
            boardIDs.append(try board.requireID())
        }
        context.progress.advance()

        let members = context.memberIDs
        let staff = context.staffIDs
        var threads: [ForumThread] = []
        var posts: [(post: Post, title: String?, boardID: Int)] = []
        var likes: [(Int, Int, Date)] = []
        var nextPostID = 1
        for index in 0..<Self.threadCount {
            let boardIndex = index < 3 ? 0 : 1 + Int.random(in: 0..<4, using: &context.random)
            let boardID = boardIDs[boardIndex]
            let english = context.random.chance(0.3)
            let productIndex = Int.random(in: 0..<ForumDemoText.productsZh.count, using: &context.random)
            let topicIndex = Int.random(in: 0..<ForumDemoText.topicsZh.count, using: &context.random)
            let product = english ? ForumDemoText.productsEn[productIndex] : ForumDemoText.productsZh[productIndex]
            let topic = english ? ForumDemoText.topicsEn[topicIndex] : ForumDemoText.topicsZh[topicIndex]
            let authorID = index < 3 ? staff[0] : context.random.pick(members)
            let created = now.addingTimeInterval(-Double.random(in: 3_600...(300 * 86_400), using: &context.random))
            var title: String
            var body: String
            if index < 3 {
                (title, body) = ForumDemoText.announcementsZh[index]
                body = ForumDemoText.fill(body, product: product, topic: topic)
            } else {
                title = ForumDemoText.fill(context.random.pick(english ? ForumDemoText.titlesEn : ForumDemoText.titlesZh), product: product, topic: topic)
                body = (0..<Int.random(in: 2...5, using: &context.random)).map { _ in
                    ForumDemoText.fill(context.random.pick(english ? ForumDemoText.sentencesEn : ForumDemoText.sentencesZh), product: product, topic: topic)
                }.joined(separator: english ? " " : "")
            }
            let thread = ForumThread(boardID: boardID, authorID: authorID, title: title, createdAt: created)
            thread.id = index + 1
            thread.pinned = index < 3
            thread.featured = index >= 3 && context.random.chance(0.04)
            let replyCount = Int.random(in: 0...(Self.averageReplies * 2), using: &context.random)
            var when = created
            var floor = 0
            for replyIndex in 0...replyCount {
                floor += 1
                let poster = replyIndex == 0 ? authorID : context.random.pick(members)
                let text: String
                if replyIndex == 0 {
                    text = body
                } else if context.random.chance(0.5) {
                    text = context.random.pick(english ? ForumDemoText.repliesEn : ForumDemoText.repliesZh)
                } else {
                    text = ForumDemoText.fill(context.random.pick(english ? ForumDemoText.sentencesEn : ForumDemoText.sentencesZh), product: product, topic: topic)
                }
                if replyIndex > 0 {
                    when = min(now, when.addingTimeInterval(Double.random(in: 60...(3 * 86_400), using: &context.random)))
                }
                let post = Post(threadID: index + 1, floor: floor, authorID: poster, body: text, quotePostID: nil, createdAt: when)
                post.id = nextPostID
                let likeCount = replyIndex == 0 ? Int.random(in: 0...12, using: &context.random) : (context.random.chance(0.3) ? Int.random(in: 1...4, using: &context.random) : 0)
                var likers = Set<Int>()
                while likers.count < likeCount { likers.insert(context.random.pick(members)) }
                for liker in likers { likes.append((nextPostID, liker, when)) }
                post.likeCount = likers.count
                posts.append((post, replyIndex == 0 ? title : nil, boardID))
                nextPostID += 1
                thread.lastPostAt = when
                thread.$lastPoster.id = poster
            }
            thread.floorCount = floor
            thread.replyCount = floor - 1
            thread.viewCount = floor * Int.random(in: 8...40, using: &context.random)
            threads.append(thread)
            if index % 100 == 99 { context.progress.advance() }
        }

        let (threadRows, postRows, likeRows) = (threads, posts, likes)
        try await db.transaction { tx in
            let (threads, posts, likes) = (threadRows, postRows, likeRows)
            for start in stride(from: 0, to: threads.count, by: 500) {
                try await Array(threads[start..<min(start + 500, threads.count)]).create(on: tx)
            }
            for start in stride(from: 0, to: posts.count, by: 500) {
                try await posts[start..<min(start + 500, posts.count)].map(\.post).create(on: tx)
            }
            let sql = tx as! any SQLDatabase
            for start in stride(from: 0, to: likes.count, by: 300) {
                var insert = sql.insert(into: "post_likes").columns("post_id", "user_id", "created_at")
                for (post, user, when) in likes[start..<min(start + 300, likes.count)] {
                    insert = insert.values(SQLBind(post), SQLBind(user), SQLBind(when))
                }
                try await insert.run()
            }
            try await SearchIndex(db: tx).putMany(posts.map { item in
                SearchIndex.Document(
                    postID: item.post.id!, threadID: item.post.$thread.id, boardID: item.boardID, authorID: item.post.$author.id,
                    title: item.title, body: item.post.body, createdAt: item.post.createdAt)
            })
            try await sql.raw("""
                UPDATE boards SET thread_count = (SELECT COUNT(*) FROM forum_threads t WHERE t.board_id = boards.id),
                    post_count = (SELECT COUNT(*) FROM posts p JOIN forum_threads t ON t.id = p.thread_id WHERE t.board_id = boards.id)
                """).run()
        }
        // PostgreSQL's id sequences must continue after the explicit ids.
        if SearchIndex.isPostgres(sql) {
            for table in [ForumThread.schema, Post.schema] {
                try await sql.raw("SELECT setval(pg_get_serial_sequence(\(literal: table), 'id'), (SELECT MAX(id) FROM \(ident: table)))").run()
            }
        }

        // A moderator at work: a board moderator for photography, a spam post hidden after a
        // report, a featured thread, all through the real service.
        if let photoModerator = members.last, let moderator = try await User.query(on: db).filter(\.$email == "moderator@canyu.example").first() {
            try await BoardModerator(boardID: boardIDs[2], userID: photoModerator, createdAt: now).create(on: db)
            let moderation = ModerationService(context.app)
            let spamThread = threads[3]
            let spam = Post(threadID: spamThread.id!, floor: spamThread.floorCount + 1, authorID: members[members.count / 2], body: "加微信领取免费手机！！！", quotePostID: nil, createdAt: now)
            try await spam.create(on: db)
            spamThread.floorCount += 1
            spamThread.replyCount += 1
            try await spamThread.update(on: db)
            if let reporter = try await User.find(members[1], on: db) {
                _ = try await moderation.report(try spam.requireID(), by: reporter, reason: "广告")
            }
            try await moderation.moderate(post: try spam.requireID(), .hide, by: moderator, reason: "广告")
            _ = try await moderation.moderate(thread: threads[10].id!, .feature, by: moderator, reason: "内容详实")
        }
        context.progress.advance()
    }
}
