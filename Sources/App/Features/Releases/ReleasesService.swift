import Fluent
import Foundation
import SQLKit
import Vapor

/// Releases of a product: publishing a build with its changelog, moving it ring by ring
/// (`+Promotion`), the staged stable rollout and the update check (`+Rollout`), and the
/// four-grid report with its results (`+Reports`). The train that moves them on the calendar is
/// `ReleaseTrain`. Ideas ship through `IdeasService`, credits go through `StandingService`.
struct ReleasesService {
    struct ReleaseInput: Sendable {
        var version: String?
        var notes: String?
        var downloadURL: String?
    }

    struct ChangeInput: Sendable {
        var title: String?
        var description: String?
        var moduleKey: String?
        var team: String?
        var ideaID: Int?
        var halfFinished = false
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

    init(_ req: Request) { self.init(req.application, db: req.db) }

    init(_ app: Application, db: (any Database)? = nil) {
        self.init(db: db ?? app.db, clock: app.clock, timeZone: app.config.timeZone, mail: .init(app), limits: app.config.forum)
    }

    var sql: any SQLDatabase { db as! any SQLDatabase }
    var ideas: IdeasService { IdeasService(db: db, clock: clock, timeZone: timeZone, mail: mail, limits: limits) }
    var standing: StandingService { StandingService(db: db, clock: clock, timeZone: timeZone) }
    var notifications: NotificationService { NotificationService(db: db, clock: clock, mail: mail) }
    var forum: ForumService { ForumService(db: db, clock: clock, timeZone: timeZone, limits: limits, mail: mail) }

    // MARK: Reading

    func product(slug: String) async throws -> Product { try await ideas.product(slug: slug) }

    func release(_ id: Int) async throws -> Release {
        guard let release = try await Release.find(id, on: db) else { throw CoreError.notFound }
        return release
    }

    /// A release as a viewer may see it: builds still in the internal or closed-beta ring do
    /// not exist for those outside it. Published builds (weekly, stable) are public, with their
    /// changelog and results; their notes and download are for their ring (`inRing`).
    func release(_ id: Int, for viewer: User?) async throws -> (release: Release, inRing: Bool) {
        let release = try await release(id)
        return (release, try await access(to: release.ring, of: release.$product.id, for: viewer))
    }

    /// Whether the viewer may see a build, and whether its report has closed, by one small read
    /// (for pages served from a shell, which need nothing else before answering).
    func glance(_ id: Int, for viewer: User?) async throws -> (inRing: Bool, reportClosed: Bool) {
        let sql = self.sql
        let row = try await SmallRead.run {
            try await sql.raw("SELECT product_id, ring, report_closed_at FROM releases WHERE id = \(bind: id)").first()
        }
        guard let row else { throw CoreError.notFound }
        let inRing = try await access(
            to: try row.decode(column: "ring", as: ReleaseRing.self), of: try row.decode(column: "product_id", as: Int.self), for: viewer)
        return (inRing, try row.decode(column: "report_closed_at", as: Date?.self) != nil)
    }

    /// Whether the viewer is in a build's ring; not found when the build does not exist for them.
    private func access(to ring: ReleaseRing, of productID: Int, for viewer: User?) async throws -> Bool {
        let innermost = try await ReleasesPolicy.innermostRing(of: viewer, product: productID, on: db)
        guard ReleasesPolicy.mayView(ring, innermost: innermost) else { throw CoreError.notFound }
        return ReleasesPolicy.isInRing(ring, innermost: innermost)
    }

    func changes(of releaseID: Int) async throws -> [ReleaseChange] {
        try await ReleaseChange.query(on: db).filter(\.$release.$id == releaseID).sort(\.$position).sort(\.$id).all()
    }

    /// A product's releases the viewer may see (published ones, and those of their inner
    /// rings), newest first.
    func releases(of productID: Int, visibleFrom innermost: ReleaseRing, limit: Int = 50) async throws -> [Release] {
        let rings = ReleaseRing.allCases.filter { ReleasesPolicy.mayView($0, innermost: innermost) }
        return try await Release.query(on: db).filter(\.$product.$id == productID).filter(\.$ring ~~ rings)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit).all()
    }

    /// Releases every visitor may see (weekly and stable), newest first: the feeds.
    func publicReleases(of productID: Int?, limit: Int = 30) async throws -> [Release] {
        var query = Release.query(on: db).filter(\.$ring ~~ ReleaseRing.allCases.filter(ReleasesPolicy.isPublished))
        if let productID { query = query.filter(\.$product.$id == productID) }
        return try await query.sort(\.$weeklyAt, .descending).sort(\.$id, .descending).limit(limit).all()
    }

    /// The members whose ideas a release's changes came from, by change: the credits line.
    func credits(of changes: [ReleaseChange]) async throws -> [Int: User] {
        let ideaIDs = changes.compactMap { $0.$idea.id }
        guard !ideaIDs.isEmpty else { return [:] }
        let ideas = try await Idea.query(on: db).filter(\.$id ~~ ideaIDs).all()
        let authors = try await User.query(on: db).filter(\.$id ~~ ideas.map { $0.$author.id }).all()
        let byID = Dictionary(uniqueKeysWithValues: authors.compactMap { user in user.id.map { ($0, user) } })
        var credited: [Int: User] = [:]
        for change in changes {
            guard let changeID = change.id, let idea = ideas.first(where: { $0.id == change.$idea.id }) else { continue }
            credited[changeID] = byID[idea.$author.id]
        }
        return credited
    }

    // MARK: Publishing a build

    /// Staff or the product's team create a build in the internal ring.
    func create(in product: Product, _ input: ReleaseInput, by actor: User) async throws -> Release {
        let productID = try product.requireID()
        guard try await ReleasesPolicy.canManage(actor, product: productID, on: db) else { throw CoreError.forbidden }
        let version = try FieldRules.text(input.version, "version", ReleaseRules.versionLength)
        guard !version.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw CoreError.invalidField(field: "version", messageKey: "releases.invalid.version")
        }
        let notes = try FieldRules.text(input.notes ?? "", "notes", 0...ReleaseRules.notesMax)
        let download = try Self.validDownloadURL(input.downloadURL)
        let release = Release(
            productID: productID, version: version, notes: notes, notesHTML: ForumMarkdown.html(notes), downloadURL: download,
            creatorID: try actor.requireID(), createdAt: clock.now())
        do {
            try await release.create(on: db)
        } catch where isConstraintViolation(error) {
            throw ReleaseError.versionTaken
        }
        return release
    }

    /// An http(s) address, or nothing.
    static func validDownloadURL(_ raw: String?) throws -> String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return "" }
        guard text.count <= 500, let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw CoreError.invalidField(field: "download_url", messageKey: "releases.invalid.download_url")
        }
        return text
    }

    /// Adds a change to the changelog until the build reaches the weekly ring, where its
    /// changelog is published. A half-finished change gets a feedback thread in the product's board.
    func addChange(to releaseID: Int, _ input: ChangeInput, by actor: User) async throws -> ReleaseChange {
        let release = try await release(releaseID)
        let productID = release.$product.id
        guard try await ReleasesPolicy.canManage(actor, product: productID, on: db) else { throw CoreError.forbidden }
        guard release.ring < .weekly else { throw ReleaseError.released }
        let title = try FieldRules.text(input.title, "title", ReleaseRules.changeTitleLength)
        let description = try FieldRules.text(input.description ?? "", "description", 0...ReleaseRules.changeDescriptionMax)
        var module: ProductModule?
        if let key = input.moduleKey?.trimmingCharacters(in: .whitespaces), !key.isEmpty {
            module = try await ProductModule.query(on: db).filter(\.$product.$id == productID).filter(\.$key == key).first()
            guard module != nil else { throw CoreError.invalidField(field: "module", messageKey: "ideas.invalid.module") }
        }
        let team = try FieldRules.text(input.team ?? module?.team ?? "", "team", ReleaseRules.teamLength)
        if let ideaID = input.ideaID {
            guard let idea = try await Idea.find(ideaID, on: db) else { throw CoreError.invalidField(field: "idea_id", messageKey: "releases.invalid.idea") }
            guard idea.$product.id == productID else { throw ReleaseError.ideaOfAnotherProduct }
        }
        let existing = try await ReleaseChange.query(on: db).filter(\.$release.$id == releaseID).count()
        guard existing < ReleaseRules.changesPerReleaseMax else {
            throw CoreError.invalidField(field: "title", messageKey: "releases.invalid.too_many_changes")
        }
        let change = ReleaseChange(
            releaseID: releaseID, position: existing + 1, title: title, description: description, moduleID: try module?.requireID(), team: team,
            ideaID: input.ideaID, halfFinished: input.halfFinished)
        try await db.transaction { tx in
            if input.halfFinished, let boardID = try await Product.find(productID, on: tx)?.boardID {
                let body = "\(description)\n\n> 半成品 / half-finished: \(release.version)"
                change.feedbackThreadID = try await forum.on(tx).openDiscussion(
                    in: boardID, by: try actor.requireID(), title: "[\(release.version)] \(title)", body: body, at: clock.now()
                ).requireID()
            }
            try await change.create(on: tx)
        }
        return change
    }

    // MARK: The weekly ring

    /// A member joins a product's weekly ring, if their tier allows it; joining twice is fine.
    func joinWeeklyRing(_ productID: Int, _ user: User) async throws {
        let userID = try user.requireID()
        guard try await PyramidService(db: db, clock: clock, timeZone: timeZone).privileges(of: userID).weeklyBuilds else {
            throw ReleaseError.tierMayNotJoinWeekly
        }
        try await sql.raw("""
            INSERT INTO weekly_ring_members (product_id, user_id, joined_at) VALUES (\(bind: productID), \(bind: userID), \(bind: clock.now()))
            ON CONFLICT (product_id, user_id) DO NOTHING
            """).run()
    }

    func leaveWeeklyRing(_ productID: Int, _ user: User) async throws {
        try await WeeklyRingMember.query(on: db).filter(\.$product.$id == productID).filter(\.$user.$id == user.requireID()).delete()
    }
}
