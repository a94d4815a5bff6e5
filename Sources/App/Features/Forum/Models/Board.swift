import Fluent
import Foundation

/// A category (分区) groups boards on the forum's front page.
final class ForumCategory: Model, @unchecked Sendable {
    static let schema = "forum_categories"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "position") var position: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(nameZh: String, nameEn: String, position: Int, createdAt: Date) {
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.position = position
        self.createdAt = createdAt
    }

    func name(_ locale: SupportedLocale) -> String { locale == .en ? nameEn : nameZh }
}

/// A board (版块): where threads live, with its own moderators (版主).
final class Board: Model, @unchecked Sendable {
    static let schema = "boards"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "category_id") var category: ForumCategory
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "description_zh") var descriptionZh: String
    @Field(key: "description_en") var descriptionEn: String
    /// One emoji or a short glyph, shown beside the name.
    @Field(key: "icon") var icon: String
    @Field(key: "position") var position: Int
    /// An archived board stays readable but takes no new threads or replies.
    @Field(key: "archived") var archived: Bool
    @Field(key: "thread_count") var threadCount: Int
    @Field(key: "post_count") var postCount: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(categoryID: Int, nameZh: String, nameEn: String, descriptionZh: String, descriptionEn: String, icon: String, position: Int, createdAt: Date) {
        self.$category.id = categoryID
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.descriptionZh = descriptionZh
        self.descriptionEn = descriptionEn
        self.icon = icon
        self.position = position
        self.archived = false
        self.threadCount = 0
        self.postCount = 0
        self.createdAt = createdAt
    }

    func name(_ locale: SupportedLocale) -> String { locale == .en ? nameEn : nameZh }
    func description(_ locale: SupportedLocale) -> String { locale == .en ? descriptionEn : descriptionZh }
}

/// A member who moderates one board.
final class BoardModerator: Model, @unchecked Sendable {
    static let schema = "board_moderators"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "board_id") var board: Board
    @Parent(key: "user_id") var user: User
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(boardID: Int, userID: Int, createdAt: Date) {
        self.$board.id = boardID
        self.$user.id = userID
        self.createdAt = createdAt
    }
}
