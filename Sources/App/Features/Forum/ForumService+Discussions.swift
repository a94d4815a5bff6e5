import Fluent
import Foundation
import SQLKit

extension ForumService {
    /// Opens a thread that another area keeps for one of its items (an idea's discussion), in
    /// the caller's transaction. The item was the member's act, so there is no posting interval
    /// and no "new thread" credit here; replies, quotes, likes and search work as anywhere.
    func openDiscussion(in boardID: Int, by authorID: Int, title: String, body: String, at now: Date) async throws -> ForumThread {
        let thread = ForumThread(boardID: boardID, authorID: authorID, title: String(title.prefix(limits.titleMax)), createdAt: now)
        thread.floorCount = 1
        try await thread.create(on: db)
        let post = Post(threadID: try thread.requireID(), floor: 1, authorID: authorID, body: body, quotePostID: nil, createdAt: now)
        try await post.create(on: db)
        try await sql.raw("UPDATE boards SET thread_count = thread_count + 1, post_count = post_count + 1 WHERE id = \(bind: boardID)").run()
        try await search.put(
            postID: try post.requireID(), threadID: try thread.requireID(), boardID: boardID, authorID: authorID,
            title: thread.title, body: body, visible: true, createdAt: now)
        return thread
    }

    /// The board where a product's ideas are discussed, in the "Product ideas" category (made once).
    func openIdeasBoard(nameZh: String, nameEn: String, icon: String, at now: Date) async throws -> Board {
        let category: ForumCategory
        if let existing = try await ForumCategory.query(on: db).filter(\.$nameEn == Self.ideasCategoryEn).first() {
            category = existing
        } else {
            category = ForumCategory(nameZh: "产品想法", nameEn: Self.ideasCategoryEn, position: 90, createdAt: now)
            try await category.create(on: db)
        }
        let board = Board(
            categoryID: try category.requireID(), nameZh: nameZh, nameEn: nameEn, descriptionZh: "「\(nameZh)」的想法讨论",
            descriptionEn: "Discussing ideas for \(nameEn)", icon: icon, position: 0, createdAt: now)
        try await board.create(on: db)
        return board
    }

    static let ideasCategoryEn = "Product ideas"
}

extension ForumService {
    /// The board where a product's releases and previews are announced, in the "Releases"
    /// category (made once).
    func openAnnouncementBoard(nameZh: String, nameEn: String, icon: String, at now: Date) async throws -> Board {
        let category: ForumCategory
        if let existing = try await ForumCategory.query(on: db).filter(\.$nameEn == Self.releasesCategoryEn).first() {
            category = existing
        } else {
            category = ForumCategory(nameZh: "版本发布", nameEn: Self.releasesCategoryEn, position: 80, createdAt: now)
            try await category.create(on: db)
        }
        let board = Board(
            categoryID: try category.requireID(), nameZh: "\(nameZh) 发布公告", nameEn: "\(nameEn) releases", descriptionZh: "「\(nameZh)」的每周更新与升级预告",
            descriptionEn: "Weekly builds and previews of \(nameEn)", icon: icon, position: 0, createdAt: now)
        try await board.create(on: db)
        return board
    }

    static let releasesCategoryEn = "Releases"
}
