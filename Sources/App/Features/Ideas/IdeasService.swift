import Fluent
import FluentSQL
import Foundation
import SQLKit
import Vapor

/// Products and their ideas: proposing, listing, finding similar ones. Votes are in
/// `+Votes`, statuses and merging in `+Status`. Credits go through `StandingService`, vote
/// weights and budgets come from `PyramidService.privileges`, notices through `NotificationService`.
struct IdeasService {
    struct ProductInput: Sendable {
        var slug: String?
        var nameZh: String?
        var nameEn: String?
        var descriptionZh: String?
        var descriptionEn: String?
        var icon: String?
        /// `key: 中文名 / English name / team`, one module per entry.
        var modules: [ModuleInput] = []
    }

    struct ModuleInput: Sendable {
        var key: String?
        var nameZh: String?
        var nameEn: String?
        var team: String?
    }

    struct IdeaPage: Sendable {
        let ideas: [Idea]
        let authors: [Int: User]
        let modules: [Int: ProductModule]
        let page: Int
        let pageCount: Int
        let total: Int
    }

    struct Filter: Sendable {
        var sort: IdeaRanking.Sort = .hot
        var status: IdeaStatus?
        var moduleKey: String?
        var page: Int = 1
    }

    let db: any Database
    let clock: any AppClock
    let timeZone: TimeZone
    let mail: NotificationService.Mail
    let limits: ForumLimits

    init(db: any Database, clock: any AppClock, timeZone: TimeZone, mail: NotificationService.Mail, limits: ForumLimits) {
        self.db = db
        self.clock = clock
        self.timeZone = timeZone
        self.mail = mail
        self.limits = limits
    }

    init(_ req: Request) {
        self.init(_: req.application, db: req.db)
    }

    init(_ app: Application, db: (any Database)? = nil) {
        self.init(db: db ?? app.db, clock: app.clock, timeZone: app.config.timeZone, mail: .init(app), limits: app.config.forum)
    }

    var standing: StandingService { StandingService(db: db, clock: clock, timeZone: timeZone) }
    var pyramid: PyramidService { PyramidService(db: db, clock: clock, timeZone: timeZone) }
    var notifications: NotificationService { NotificationService(db: db, clock: clock, mail: mail) }
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// The forum, for discussions: in the given transaction, with this community's limits.
    func forum(_ tx: any Database) -> ForumService {
        ForumService(db: tx, clock: clock, timeZone: timeZone, limits: limits, mail: mail)
    }

    func on(_ other: any Database) -> IdeasService {
        IdeasService(db: other, clock: clock, timeZone: timeZone, mail: mail, limits: limits)
    }

    // MARK: Products

    func products() async throws -> [Product] {
        try await Product.query(on: db).sort(\.$id).all()
    }

    func product(slug: String) async throws -> Product {
        guard let product = try await Product.query(on: db).filter(\.$slug == slug.lowercased()).first() else { throw CoreError.notFound }
        return product
    }

    /// Every product with its modules: two queries, however many products.
    func productsWithModules() async throws -> [(product: Product, modules: [ProductModule])] {
        let modules = Dictionary(grouping: try await ProductModule.query(on: db).sort(\.$id).all(), by: { $0.$product.id })
        return try await products().map { ($0, modules[$0.id ?? 0] ?? []) }
    }

    func modules(of productID: Int) async throws -> [ProductModule] {
        try await ProductModule.query(on: db).filter(\.$product.$id == productID).sort(\.$id).all()
    }

    /// Lowercase letters, digits and dashes, starting with a letter or digit, at most 40.
    static func isSlug(_ text: String) -> Bool {
        guard let first = text.first, (1...40).contains(text.count), first != "-" else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    static let maxModules = 50

    func createProduct(_ input: ProductInput, by actor: User) async throws -> Product {
        guard IdeasPolicy.canManageProducts(actor) else { throw CoreError.forbidden }
        let slug = (input.slug ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard Self.isSlug(slug) else {
            throw CoreError.invalidField(field: "slug", messageKey: "ideas.invalid.slug")
        }
        let nameZh = try FieldRules.text(input.nameZh ?? input.nameEn, "name_zh", 1...60)
        let nameEn = try FieldRules.text(input.nameEn ?? input.nameZh, "name_en", 1...60)
        let descriptionZh = try FieldRules.text(input.descriptionZh ?? input.descriptionEn ?? "", "description_zh", 0...500)
        let descriptionEn = try FieldRules.text(input.descriptionEn ?? input.descriptionZh ?? "", "description_en", 0...500)
        let icon = try FieldRules.text(input.icon ?? "📱", "icon", 1...4)
        guard input.modules.count <= Self.maxModules else {
            throw CoreError.invalidField(field: "modules", messageKey: "ideas.invalid.too_many_modules", arguments: [String(Self.maxModules)])
        }
        let modules = try input.modules.map { module in
            let key = (module.key ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard Self.isSlug(key) else { throw CoreError.invalidField(field: "modules", messageKey: "ideas.invalid.slug") }
            return (key, try FieldRules.text(module.nameZh ?? module.nameEn, "modules", 1...40), try FieldRules.text(module.nameEn ?? module.nameZh, "modules", 1...40),
                    try FieldRules.text(module.team ?? "", "modules", 0...60))
        }
        guard Set(modules.map(\.0)).count == modules.count else { throw CoreError.invalidField(field: "modules", messageKey: "ideas.invalid.module_repeated") }
        let now = clock.now()
        do {
            return try await db.transaction { tx in
                let product = Product(slug: slug, nameZh: nameZh, nameEn: nameEn, descriptionZh: descriptionZh, descriptionEn: descriptionEn, icon: icon, createdAt: now)
                product.boardID = try await self.forum(tx).openIdeasBoard(nameZh: nameZh, nameEn: nameEn, icon: icon, at: now).requireID()
                try await product.create(on: tx)
                for (key, zh, en, team) in modules {
                    try await ProductModule(productID: try product.requireID(), key: key, nameZh: zh, nameEn: en, team: team).create(on: tx)
                }
                return product
            }
        } catch where isConstraintViolation(error) {
            throw IdeaError.slugTaken
        }
    }

    /// Adds a member to a product's team (staff only), in a module team if one is named; adding
    /// twice only updates the module team.
    func addTeamMember(_ userID: Int, to productID: Int, team rawTeam: String? = nil, by actor: User) async throws {
        guard IdeasPolicy.canManageProducts(actor) else { throw CoreError.forbidden }
        try await AccountsService.requireMember(userID, on: db)
        let team = try FieldRules.text(rawTeam ?? "", "team", 0...ReleaseRules.teamLength.upperBound)
        try await sql.raw("""
            INSERT INTO product_members (product_id, user_id, team) VALUES (\(bind: productID), \(bind: userID), \(bind: team.isEmpty ? nil : team))
            ON CONFLICT (product_id, user_id) DO UPDATE SET team = COALESCE(excluded.team, product_members.team)
            """).run()
    }

    // MARK: Ideas

    func idea(_ id: Int) async throws -> Idea {
        guard let idea = try await Idea.find(id, on: db) else { throw CoreError.notFound }
        return idea
    }

    /// A member proposes an idea; they follow it from then on.
    func propose(in product: Product, moduleKey: String?, title rawTitle: String?, body rawBody: String?, by author: User) async throws -> Idea {
        let now = clock.now()
        guard !author.isMuted(at: now) else { throw CoreError.forbidden }
        let title = try FieldRules.text(rawTitle, "title", IdeaRules.titleLength)
        let body = try FieldRules.text(rawBody ?? "", "body", 0...IdeaRules.bodyMax)
        let productID = try product.requireID()
        var moduleID: Int?
        if let key = moduleKey?.trimmingCharacters(in: .whitespaces), !key.isEmpty {
            guard let module = try await ProductModule.query(on: db).filter(\.$product.$id == productID).filter(\.$key == key.lowercased()).first() else {
                throw CoreError.invalidField(field: "module", messageKey: "ideas.invalid.module")
            }
            moduleID = module.id
        }
        let authorID = try author.requireID()
        let idea = Idea(productID: productID, moduleID: moduleID, authorID: authorID, title: title, body: body, bodyHTML: ForumMarkdown.html(body), createdAt: now)
        try await db.transaction { tx in
            try await idea.create(on: tx)
            let ideaID = try idea.requireID()
            if let boardID = product.boardID {
                // Floor 1 is the idea itself, with the way back to its votes and status.
                let link = "[\(title)](\(SiteURL.idea(.value(ideaID)).path))"
                let opening = body.isEmpty ? link : body + "\n\n" + link
                idea.threadID = try await self.forum(tx).openDiscussion(in: boardID, by: authorID, title: title, body: opening, at: now).requireID()
                try await idea.save(on: tx)
            }
            try await self.on(tx).follow(ideaID, by: authorID)
        }
        return idea
    }

    func list(_ product: Product, _ filter: Filter) async throws -> IdeaPage {
        let productID = try product.requireID()
        let query = Idea.query(on: db).filter(\.$product.$id == productID)
        if let status = filter.status { query.filter(\.$status == status) } else { query.filter(\.$status != .duplicate) }
        if let key = filter.moduleKey, !key.isEmpty {
            let module = try await ProductModule.query(on: db).filter(\.$product.$id == productID).filter(\.$key == key).first()
            query.filter(\.$module.$id == (module?.id ?? -1))
        }
        let total = try await query.count()
        let pageCount = max(1, (total + IdeaRules.pageSize - 1) / IdeaRules.pageSize)
        let page = min(max(filter.page, 1), pageCount)
        switch filter.sort {
        case .hot: query.sort(\.$hotRank, .descending)
        case .top: query.sort(\.$weightedScore, .descending)
        case .new: query.sort(\.$createdAt, .descending)
        case .changed: query.sort(\.$statusChangedAt, .descending)
        }
        let ideas = try await query.sort(\.$id, .descending).range(((page - 1) * IdeaRules.pageSize)..<(page * IdeaRules.pageSize)).all()
        let authorIDs = Set(ideas.map { $0.$author.id })
        let authors = try await User.query(on: db).filter(\.$id ~~ authorIDs).all()
        let modules = try await self.modules(of: productID)
        return IdeaPage(
            ideas: ideas, authors: Dictionary(authors.map { ($0.id ?? 0, $0) }, uniquingKeysWith: { first, _ in first }),
            modules: Dictionary(modules.map { ($0.id ?? 0, $0) }, uniquingKeysWith: { first, _ in first }), page: page, pageCount: pageCount, total: total)
    }

    /// Ideas of the product whose titles share the most search terms with `title` (the forum
    /// search's terms: words, and two-character runs of Chinese), most-shared first.
    func similar(in productID: Int, to title: String, excluding: Int? = nil) async throws -> [Idea] {
        let query = Idea.query(on: db).filter(\.$product.$id == productID).filter(\.$status != .duplicate)
        if let excluding { query.filter(\.$id != excluding) }
        return try await SimilarTitles.find(query, like: title, title: \.title, order: \.$weightedScore, limit: IdeaRules.similarLimit)
    }

    func history(of ideaID: Int) async throws -> [IdeaStatusChange] {
        try await IdeaStatusChange.query(on: db).filter(\.$idea.$id == ideaID).sort(\.$createdAt).sort(\.$id).with(\.$actor).all()
    }

    /// The product's roadmap: ideas planned, in progress and in beta, and those shipped lately.
    func roadmap(_ product: Product, shippedSince: Date) async throws -> [IdeaStatus: [Idea]] {
        let ideas = try await Idea.query(on: db).filter(\.$product.$id == product.requireID())
            .filter(\.$status ~~ IdeaStatus.roadmap).sort(\.$weightedScore, .descending).limit(400).all()
        return Dictionary(grouping: ideas.filter { $0.status != .shipped || $0.statusChangedAt >= shippedSince }, by: \.status)
    }

    // MARK: Following

    func follow(_ ideaID: Int, by userID: Int) async throws {
        try await sql.insert(into: "idea_follows").columns("idea_id", "user_id").values(SQLBind(ideaID), SQLBind(userID))
            .ignoringConflicts(with: ["idea_id", "user_id"]).run()
    }

    func unfollow(_ ideaID: Int, by userID: Int) async throws {
        try await sql.raw("DELETE FROM idea_follows WHERE idea_id = \(bind: ideaID) AND user_id = \(bind: userID)").run()
    }

    func isFollowing(_ ideaID: Int, by userID: Int) async throws -> Bool {
        try await sql.raw("SELECT 1 AS yes FROM idea_follows WHERE idea_id = \(bind: ideaID) AND user_id = \(bind: userID)").first() != nil
    }

    func followers(of ideaID: Int) async throws -> [Int] {
        try await sql.raw("SELECT user_id FROM idea_follows WHERE idea_id = \(bind: ideaID) ORDER BY user_id").all()
            .map { try $0.decode(column: "user_id", as: Int.self) }
    }

    static func shippedCount(of userID: Int, on db: any Database) async throws -> Int {
        try await Idea.query(on: db).filter(\.$author.$id == userID).filter(\.$status == .shipped).count()
    }
}
