import Fluent
import Foundation
import SQLKit
import Vapor

/// The forum: boards, threads and floors, posting, likes. Credits go through `StandingService`,
/// notifications through `NotificationService`, and every write keeps the search index in step.
struct ForumService {
    struct BoardGroup: Sendable {
        let category: ForumCategory
        let boards: [Board]
    }

    /// A board as a list to pick from names it (the search form).
    struct BoardChoice: Sendable {
        let id: Int
        let nameZh: String
        let nameEn: String

        func name(_ locale: SupportedLocale) -> String { locale == .en ? nameEn : nameZh }
    }

    struct ThreadPage: Sendable {
        let threads: [ForumThread]
        let authors: [Int: User]
        let page: Int
        let pageCount: Int
        let total: Int
    }

    struct PostPage: Sendable {
        let thread: ForumThread
        let board: Board
        let posts: [Post]
        let authors: [Int: User]
        /// The posts quoted on this page, by id (they may live on other pages).
        let quoted: [Int: Post]
        let page: Int
        let pageCount: Int
    }

    static let threadsPerPage = 30
    static let postsPerPage = 20

    let db: any Database
    let clock: any AppClock
    let timeZone: TimeZone
    let limits: ForumLimits
    let mail: NotificationService.Mail

    init(db: any Database, clock: any AppClock, timeZone: TimeZone, limits: ForumLimits, mail: NotificationService.Mail) {
        self.db = db
        self.clock = clock
        self.timeZone = timeZone
        self.limits = limits
        self.mail = mail
    }

    init(_ req: Request) {
        self.init(_: req.application, db: req.db)
    }

    init(_ app: Application, db: (any Database)? = nil) {
        self.init(db: db ?? app.db, clock: app.clock, timeZone: app.config.timeZone, limits: app.config.forum, mail: .init(app))
    }

    var standing: StandingService { StandingService(db: db, clock: clock, timeZone: timeZone) }
    var notifications: NotificationService { NotificationService(db: db, clock: clock, mail: mail) }
    var search: SearchIndex { SearchIndex(db: db) }

    var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "the forum needs an SQL database") }
            return sql
        }
    }

    // MARK: Boards

    /// Categories in order, each with its boards in order; archived boards only when asked.
    func boardGroups(includingArchived: Bool = false) async throws -> [BoardGroup] {
        let categories = try await ForumCategory.query(on: db).sort(\.$position).sort(\.$id).all()
        let query = Board.query(on: db).sort(\.$position).sort(\.$id)
        if !includingArchived { query.filter(\.$archived == false) }
        let boards = try await query.all()
        return categories.map { category in
            BoardGroup(category: category, boards: boards.filter { $0.$category.id == category.id })
        }
    }

    /// Every board, archived ones too, in `boardGroups`' order: a plain read, as the search
    /// page asks on every request (loading the boards as models was a seventh of its time).
    func boardChoices() async throws -> [BoardChoice] {
        try await sql.raw("""
            SELECT b.id, b.name_zh, b.name_en FROM boards b JOIN forum_categories c ON c.id = b.category_id
            ORDER BY c.position, c.id, b.position, b.id
            """).all().map {
            BoardChoice(
                id: try $0.decode(column: "id", as: Int.self), nameZh: try $0.decode(column: "name_zh", as: String.self),
                nameEn: try $0.decode(column: "name_en", as: String.self))
        }
    }

    func board(_ id: Int) async throws -> Board {
        guard let board = try await Board.find(id, on: db) else { throw CoreError.notFound }
        return board
    }

    func moderators(of boardID: Int) async throws -> [User] {
        try await BoardModerator.query(on: db).filter(\.$board.$id == boardID).with(\.$user).sort(\.$id).all().map(\.user)
    }

    /// Pinned threads first, then by last activity.
    func threads(in boardID: Int, page requested: Int) async throws -> ThreadPage {
        let board = try await board(boardID)
        let total = board.threadCount
        let pageCount = max(1, (total + Self.threadsPerPage - 1) / Self.threadsPerPage)
        let page = min(max(requested, 1), pageCount)
        let threads = try await ForumThread.query(on: db)
            .filter(\.$board.$id == boardID).filter(\.$deleted == false)
            .sort(\.$pinned, .descending).sort(\.$lastPostAt, .descending).sort(\.$id, .descending)
            .range(((page - 1) * Self.threadsPerPage)..<(page * Self.threadsPerPage)).all()
        let ids = Set(threads.flatMap { [$0.$author.id] + ($0.$lastPoster.id.map { [$0] } ?? []) })
        return ThreadPage(threads: threads, authors: try await users(ids), page: page, pageCount: pageCount, total: total)
    }

    // MARK: Threads and floors

    /// A thread that is not deleted; a deleted one is not found.
    func thread(_ id: Int) async throws -> ForumThread {
        guard let thread = try await ForumThread.find(id, on: db), !thread.deleted else { throw CoreError.notFound }
        return thread
    }

    func post(_ id: Int) async throws -> Post {
        guard let post = try await Post.find(id, on: db) else { throw CoreError.notFound }
        return post
    }

    static func page(ofFloor floor: Int) -> Int { (floor - 1) / postsPerPage + 1 }

    /// A floor's address: its thread's page that holds it, and its anchor.
    static func floorPath(_ post: Post, notice: String? = nil) -> String {
        SiteURL.thread(.value(post.$thread.id)).path + "?page=\(page(ofFloor: post.floor))"
            + (notice.map { "&notice=\($0)" } ?? "") + "#floor-\(post.floor)"
    }

    /// One page of floors: floors (page-1)*20+1 ... page*20, deleted ones included (they show
    /// as "deleted" so the numbering stays).
    func posts(of threadID: Int, page requested: Int) async throws -> PostPage {
        let thread = try await thread(threadID)
        let board = try await board(thread.$board.id)
        let pageCount = max(1, Self.page(ofFloor: max(thread.floorCount, 1)))
        let page = min(max(requested, 1), pageCount)
        let first = (page - 1) * Self.postsPerPage + 1
        let posts = try await Post.query(on: db).filter(\.$thread.$id == threadID)
            .filter(\.$floor >= first).filter(\.$floor < first + Self.postsPerPage).sort(\.$floor).all()
        let quoteIDs = posts.compactMap { $0.$quotePost.id }
        let quoted = quoteIDs.isEmpty ? [] : try await Post.query(on: db).filter(\.$id ~~ quoteIDs).all()
        let authorIDs = Set(posts.map { $0.$author.id } + quoted.map { $0.$author.id })
        return PostPage(
            thread: thread, board: board, posts: posts, authors: try await users(authorIDs),
            quoted: Dictionary(uniqueKeysWithValues: quoted.map { ($0.id!, $0) }), page: page, pageCount: pageCount)
    }

    /// Which of these posts the member has liked.
    func liked(by userID: Int, among postIDs: [Int]) async throws -> Set<Int> {
        guard !postIDs.isEmpty else { return [] }
        let rows = try await sql.select().column("post_id").from("post_likes")
            .where("user_id", .equal, userID).where("post_id", .in, postIDs).all()
        return Set(try rows.map { try $0.decode(column: "post_id", as: Int.self) })
    }

    /// Earlier versions of these posts, newest first, by post.
    func revisions(of postIDs: [Int]) async throws -> [Int: [PostRevision]] {
        guard !postIDs.isEmpty else { return [:] }
        let rows = try await PostRevision.query(on: db).filter(\.$post.$id ~~ postIDs).sort(\.$id, .descending).with(\.$editor).all()
        return Dictionary(grouping: rows) { $0.$post.id }
    }

    func users(_ ids: Set<Int>) async throws -> [Int: User] {
        guard !ids.isEmpty else { return [:] }
        let users = try await User.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0) })
    }
}
