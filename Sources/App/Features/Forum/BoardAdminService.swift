import Fluent
import Foundation
import Vapor

/// What admins do to the forum's structure: categories, boards (order, archive) and moderators.
struct BoardAdminService {
    struct CategoryInput: Content {
        var name_zh: String?
        var name_en: String?
        var position: Int?
    }

    struct BoardInput: Content {
        var category_id: Int?
        var name_zh: String?
        var name_en: String?
        var description_zh: String?
        var description_en: String?
        var icon: String?
        var position: Int?
        var archived: Bool?
    }

    let db: any Database
    let clock: any AppClock

    init(_ req: Request) {
        db = req.db
        clock = req.application.clock
    }

    init(db: any Database, clock: any AppClock) {
        self.db = db
        self.clock = clock
    }

    static func position(_ raw: Int?) throws -> Int {
        try FieldRules.number(raw ?? 0, "position", 0...10_000)
    }

    func createCategory(_ input: CategoryInput, by user: User) async throws -> ForumCategory {
        guard ForumPolicy.canManageBoards(user) else { throw CoreError.forbidden }
        let category = ForumCategory(
            nameZh: try FieldRules.text(input.name_zh, "name_zh", 1...60), nameEn: try FieldRules.text(input.name_en, "name_en", 1...60),
            position: try Self.position(input.position), createdAt: clock.now())
        try await category.create(on: db)
        return category
    }

    func updateCategory(_ id: Int, _ input: CategoryInput, by user: User) async throws -> ForumCategory {
        guard ForumPolicy.canManageBoards(user) else { throw CoreError.forbidden }
        guard let category = try await ForumCategory.find(id, on: db) else { throw CoreError.notFound }
        if input.name_zh != nil { category.nameZh = try FieldRules.text(input.name_zh, "name_zh", 1...60) }
        if input.name_en != nil { category.nameEn = try FieldRules.text(input.name_en, "name_en", 1...60) }
        if input.position != nil { category.position = try Self.position(input.position) }
        try await category.update(on: db)
        return category
    }

    /// A new board; `name` and `description` (the API's single-language fields) fill both languages.
    func createBoard(_ input: BoardInput, by user: User) async throws -> Board {
        guard ForumPolicy.canManageBoards(user) else { throw CoreError.forbidden }
        let categoryID = try await categoryID(input.category_id)
        let board = Board(
            categoryID: categoryID, nameZh: try FieldRules.text(input.name_zh, "name_zh", 1...60),
            nameEn: try FieldRules.text(input.name_en, "name_en", 1...60),
            descriptionZh: try FieldRules.text(input.description_zh, "description_zh", 0...500),
            descriptionEn: try FieldRules.text(input.description_en, "description_en", 0...500),
            icon: try FieldRules.text(input.icon ?? "💬", "icon", 1...4), position: try Self.position(input.position), createdAt: clock.now())
        board.archived = input.archived ?? false
        try await board.create(on: db)
        return board
    }

    func updateBoard(_ id: Int, _ input: BoardInput, by user: User) async throws -> Board {
        guard ForumPolicy.canManageBoards(user) else { throw CoreError.forbidden }
        guard let board = try await Board.find(id, on: db) else { throw CoreError.notFound }
        if input.category_id != nil { board.$category.id = try await categoryID(input.category_id) }
        if input.name_zh != nil { board.nameZh = try FieldRules.text(input.name_zh, "name_zh", 1...60) }
        if input.name_en != nil { board.nameEn = try FieldRules.text(input.name_en, "name_en", 1...60) }
        if input.description_zh != nil { board.descriptionZh = try FieldRules.text(input.description_zh, "description_zh", 0...500) }
        if input.description_en != nil { board.descriptionEn = try FieldRules.text(input.description_en, "description_en", 0...500) }
        if input.icon != nil { board.icon = try FieldRules.text(input.icon, "icon", 1...4) }
        if input.position != nil { board.position = try Self.position(input.position) }
        if let archived = input.archived { board.archived = archived }
        try await board.update(on: db)
        try await ForumPageVersions.bump(thread: nil, boards: [id], on: db)
        return board
    }

    /// Without a category, the first one (created on demand, so an empty forum can get a board).
    private func categoryID(_ requested: Int?) async throws -> Int {
        if let requested {
            guard try await ForumCategory.find(requested, on: db) != nil else {
                throw CoreError.invalidField(field: "category_id", messageKey: "forum.invalid.category")
            }
            return requested
        }
        if let first = try await ForumCategory.query(on: db).sort(\.$position).sort(\.$id).first() { return try first.requireID() }
        let category = ForumCategory(nameZh: "综合", nameEn: "General", position: 0, createdAt: clock.now())
        try await category.create(on: db)
        return try category.requireID()
    }

    func addModerator(named name: String?, to boardID: Int, by user: User) async throws {
        guard ForumPolicy.canManageBoards(user) else { throw CoreError.forbidden }
        guard try await Board.find(boardID, on: db) != nil else { throw CoreError.notFound }
        guard let member = try await User.query(on: db).filter(\.$nameKey == AccountRules.nameKey(name ?? "")).first() else {
            throw CoreError.invalidField(field: "name", messageKey: "forum.invalid.member")
        }
        do {
            try await BoardModerator(boardID: boardID, userID: try member.requireID(), createdAt: clock.now()).create(on: db)
            try await ForumPageVersions.bump(thread: nil, boards: [boardID], on: db)
        } catch where isConstraintViolation(error) {
            // Already a moderator of this board: nothing to do.
        }
    }

    func removeModerator(_ userID: Int, from boardID: Int, by user: User) async throws {
        guard ForumPolicy.canManageBoards(user) else { throw CoreError.forbidden }
        try await BoardModerator.query(on: db).filter(\.$board.$id == boardID).filter(\.$user.$id == userID).delete()
        try await ForumPageVersions.bump(thread: nil, boards: [boardID], on: db)
    }
}
