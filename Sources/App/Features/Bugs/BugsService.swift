import Fluent
import FluentSQL
import Foundation
import SQLKit
import Vapor

/// The open bug tracker: filing, reading and listing bugs, similar ones, following. "Me too" is
/// in `+MeToo`, the lifecycle and triage in `+Status`, duplicates in `+Duplicates`,
/// verification in `+Verify`. Credits go through `StandingService`, notices through
/// `NotificationService`, builds come from the releases area.
struct BugsService {
    struct Report: Sendable {
        var title: String?
        var moduleKey: String?
        var releaseID: Int?
        var deviceModel: String?
        var steps: String?
        var expected: String?
        var actual: String?
        var frequency: String?
        var screenshots: [BugAttachments.Incoming] = []
        var log: BugAttachments.Incoming?
    }

    let db: any Database
    let clock: any AppClock
    let timeZone: TimeZone
    let mail: NotificationService.Mail
    let limits: ForumLimits
    let thresholds: BugThresholds
    let attachments: BugAttachments

    init(
        db: any Database, clock: any AppClock, timeZone: TimeZone, mail: NotificationService.Mail, limits: ForumLimits, thresholds: BugThresholds,
        attachments: BugAttachments
    ) {
        self.db = db
        self.clock = clock
        self.timeZone = timeZone
        self.mail = mail
        self.limits = limits
        self.thresholds = thresholds
        self.attachments = attachments
    }

    init(_ req: Request) { self.init(req.application, db: req.db) }

    init(_ app: Application, db: (any Database)? = nil) {
        self.init(
            db: db ?? app.db, clock: app.clock, timeZone: app.config.timeZone, mail: .init(app), limits: app.config.forum,
            thresholds: app.config.bugs, attachments: BugAttachments(app))
    }

    var sql: any SQLDatabase { db as! any SQLDatabase }
    var standing: StandingService { StandingService(db: db, clock: clock, timeZone: timeZone) }
    var notifications: NotificationService { NotificationService(db: db, clock: clock, mail: mail) }
    var ideas: IdeasService { IdeasService(db: db, clock: clock, timeZone: timeZone, mail: mail, limits: limits) }
    var releases: ReleasesService { ReleasesService(db: db, clock: clock, timeZone: timeZone, mail: mail, limits: limits) }

    // MARK: Reading

    func bug(_ id: Int) async throws -> Bug {
        guard let bug = try await Bug.find(id, on: db) else { throw CoreError.notFound }
        return bug
    }

    func history(of bugID: Int) async throws -> [BugEvent] {
        try await BugEvent.query(on: db).filter(\.$bug.$id == bugID).sort(\.$createdAt).sort(\.$id).with(\.$actor).all()
    }

    func attachments(of bugID: Int) async throws -> [BugAttachment] {
        try await BugAttachment.query(on: db).filter(\.$bug.$id == bugID).sort(\.$id).all()
    }

    /// The "me too"s, oldest first, with their members.
    func meToos(of bugID: Int, limit: Int = 200) async throws -> [BugMeToo] {
        try await BugMeToo.query(on: db).filter(\.$bug.$id == bugID).sort(\.$id).limit(limit).with(\.$user).all()
    }

    func hasMeToo(_ bugID: Int, by userID: Int) async throws -> Bool {
        try await sql.raw("SELECT 1 AS yes FROM bug_me_toos WHERE bug_id = \(bind: bugID) AND user_id = \(bind: userID)").first() != nil
    }

    /// The bugs a build fixes, for its changelog (its page and release thread).
    static func fixed(in releaseID: Int, on db: any Database) async throws -> [Bug] {
        try await Bug.query(on: db).filter(\.$fixedInReleaseID == releaseID).filter(\.$status ~~ [.fixed, .verified]).sort(\.$id).with(\.$reporter).all()
    }

    /// The build a member names must be one of the product's that they may see.
    func build(_ releaseID: Int?, of productID: Int, for user: User?, required: Bool) async throws -> Release? {
        guard let releaseID else {
            if required, try await Release.query(on: db).filter(\.$product.$id == productID).first() != nil { throw BugError.buildRequired }
            return nil
        }
        let release: Release
        do { release = try await releases.release(releaseID, for: user).release } catch let error as CoreError where error == .notFound {
            throw BugError.buildOfOtherProduct
        }
        guard release.$product.id == productID else { throw BugError.buildOfOtherProduct }
        return release
    }

    // MARK: Filing

    /// A member files a bug; they are told of every change from then on. Its discussion opens in the product's
    /// board; "bug reported" pays and counts as a weekly-duty contribution.
    func file(in product: Product, _ report: Report, by reporter: User) async throws -> Bug {
        let now = clock.now()
        guard !reporter.isMuted(at: now) else { throw CoreError.forbidden }
        let productID = try product.requireID()
        let title = try FieldRules.text(report.title, "title", BugRules.titleLength)
        let steps = try FieldRules.text(report.steps, "steps", 1...BugRules.textMax)
        let expected = try FieldRules.text(report.expected ?? "", "expected", 0...BugRules.textMax)
        let actual = try FieldRules.text(report.actual ?? "", "actual", 0...BugRules.textMax)
        let device = try FieldRules.text(report.deviceModel ?? "", "device_model", BugRules.deviceLength)
        let rawFrequency = report.frequency.flatMap { $0.isEmpty ? nil : $0 } ?? BugFrequency.sometimes.rawValue
        guard let frequency = BugFrequency(rawValue: rawFrequency) else {
            throw CoreError.invalidField(field: "frequency", messageKey: "bugs.invalid.frequency")
        }
        let moduleID = try await module(report.moduleKey, of: productID)
        let build = try await self.build(report.releaseID, of: productID, for: reporter, required: true)
        guard report.screenshots.count <= BugRules.screenshotsMax else { throw BugError.tooManyScreenshots }
        let screenshots = try report.screenshots.map { try BugAttachments.checkScreenshot($0) }
        let log = try report.log.map { try BugAttachments.checkLog($0) }
        let reporterID = try reporter.requireID()

        // Files first: a row never points at a file that is not there.
        var files: [BugAttachments.Stored] = []
        for shot in screenshots { files.append(try await attachments.storeScreenshot(shot, by: reporter, on: db)) }
        if let log { files.append(try await attachments.storeLog(log)) }
        let stored = files

        let bug = Bug()
        bug.$product.id = productID
        bug.$module.id = moduleID
        bug.releaseID = try build?.requireID()
        bug.$reporter.id = reporterID
        bug.title = title
        bug.steps = steps
        bug.expected = expected
        bug.actual = actual
        bug.frequency = frequency
        bug.deviceModel = device
        bug.status = .new
        bug.meTooCount = 0
        bug.qualifiedMeTooCount = 0
        bug.duplicateCount = 0
        bug.followerCount = 0
        bug.verifiedCount = 0
        bug.fixRound = 0
        bug.heatRank = BugHeat.rank(meToos: 0, duplicates: 0, followers: 0, severity: nil, activeAt: now)
        bug.createdAt = now
        bug.activeAt = now
        bug.statusChangedAt = now
        try await db.transaction { tx in
            try await bug.create(on: tx)
            let bugID = try bug.requireID()
            for file in stored { try await file.attachment(to: bugID, at: now).create(on: tx) }
            try await BugTallies.add(
                .init(product: productID, status: .new, module: moduleID ?? 0, severity: "", release: bug.releaseID ?? 0), 1, on: tx as! any SQLDatabase)
            if let boardID = product.boardID {
                let link = "[#\(bugID) \(title)](\(SiteURL.bug(.value(bugID)).path))"
                bug.threadID = try await ForumService(db: tx, clock: clock, timeZone: timeZone, limits: limits, mail: mail)
                    .openDiscussion(in: boardID, by: reporterID, title: "[Bug] " + title, body: BugText.opening(bug, link: link), at: now).requireID()
                try await bug.save(on: tx)
            }
        }
        _ = try await standing.award(CreditAction.bugReported, to: reporterID, source: "bug:\(try bug.requireID())")
        return bug
    }

    func module(_ key: String?, of productID: Int) async throws -> Int? {
        guard let key = key?.trimmingCharacters(in: .whitespaces).lowercased(), !key.isEmpty else { return nil }
        guard let module = try await ProductModule.query(on: db).filter(\.$product.$id == productID).filter(\.$key == key).first() else {
            throw CoreError.invalidField(field: "module", messageKey: "bugs.invalid.module")
        }
        return module.id
    }

    /// Open bugs of the product whose titles share the most search terms with `title` (the
    /// forum search's terms), for "me too" instead of a new report.
    func similar(in productID: Int, to title: String) async throws -> [Bug] {
        try await SimilarTitles.find(
            Bug.query(on: db).filter(\.$product.$id == productID).filter(\.$status ~~ BugStatus.allCases.filter(\.takesMeToo)),
            like: title, title: \.title, order: \.$heatRank, limit: BugRules.similarLimit)
    }

    // MARK: Following

    func follow(_ bugID: Int, by userID: Int) async throws {
        _ = try await bug(bugID)
        try await Self.follow(bugID, userIDs: [userID], on: sql)
    }

    func unfollow(_ bugID: Int, by userID: Int) async throws {
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await sql.raw("DELETE FROM bug_follows WHERE bug_id = \(bind: bugID) AND user_id = \(bind: userID) RETURNING user_id").first() != nil
            else { return }
            try await Self.recountFollowers(of: bugID, on: sql)
        }
    }

    func isFollowing(_ bugID: Int, by userID: Int) async throws -> Bool {
        try await sql.raw("SELECT 1 AS yes FROM bug_follows WHERE bug_id = \(bind: bugID) AND user_id = \(bind: userID)").first() != nil
    }

    /// Those who follow it without having hit it (the heat's followers).
    func followers(of bugID: Int) async throws -> [Int] {
        try await sql.raw("SELECT user_id FROM bug_follows WHERE bug_id = \(bind: bugID) ORDER BY user_id").all()
            .map { try $0.decode(column: "user_id", as: Int.self) }
    }

    /// Everyone told of a change: the reporter, the "me too" members and the followers, once each.
    func watchers(of bugID: Int) async throws -> [Int] {
        try await sql.raw("""
            SELECT reporter_id AS user_id FROM bugs WHERE id = \(bind: bugID)
            UNION SELECT user_id FROM bug_me_toos WHERE bug_id = \(bind: bugID)
            UNION SELECT user_id FROM bug_follows WHERE bug_id = \(bind: bugID)
            """).all().map { try $0.decode(column: "user_id", as: Int.self) }
    }

    static func follow(_ bugID: Int, userIDs: [Int], on sql: any SQLDatabase) async throws {
        guard !userIDs.isEmpty else { return }
        let insert = sql.insert(into: "bug_follows").columns("bug_id", "user_id")
        for userID in userIDs { insert.values(SQLBind(bugID), SQLBind(userID)) }
        try await insert.ignoringConflicts(with: ["bug_id", "user_id"]).run()
        try await recountFollowers(of: bugID, on: sql)
    }

    static func recountFollowers(of bugID: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE bugs SET follower_count = (SELECT COUNT(*) FROM bug_follows WHERE bug_id = \(bind: bugID)) WHERE id = \(bind: bugID)").run()
        try await rerank(bugID, touch: nil, on: sql)
    }

    /// Recomputes the heat's sort key from the bug's counts; `touch` moves its last activity.
    static func rerank(_ bugID: Int, touch: Date?, on sql: any SQLDatabase) async throws {
        if let touch { try await sql.raw("UPDATE bugs SET active_at = \(bind: touch) WHERE id = \(bind: bugID)").run() }
        guard let row = try await sql.raw("""
            SELECT me_too_count, duplicate_count, follower_count, severity, active_at FROM bugs WHERE id = \(bind: bugID)
            """).first()
        else { return }
        let rank = BugHeat.rank(
            meToos: try row.decode(column: "me_too_count", as: Int.self), duplicates: try row.decode(column: "duplicate_count", as: Int.self),
            followers: try row.decode(column: "follower_count", as: Int.self), severity: try row.decode(column: "severity", as: BugSeverity?.self),
            activeAt: try row.decode(column: "active_at", as: Date.self))
        try await sql.raw("UPDATE bugs SET heat_rank = \(bind: rank) WHERE id = \(bind: bugID)").run()
    }

    /// Records a step of the history.
    static func record(
        _ bugID: Int, _ kind: BugEvent.Kind, from: BugStatus? = nil, to: BugStatus? = nil, note: String = "", actorID: Int?, at now: Date,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.insert(into: BugEvent.schema).columns("bug_id", "kind", "from_status", "to_status", "note", "actor_id", "created_at")
            .values(SQLBind(bugID), SQLBind(kind.rawValue), SQLBind(from?.rawValue), SQLBind(to?.rawValue), SQLBind(note), SQLBind(actorID), SQLBind(now))
            .run()
    }

    /// Tells the bug's watchers (all but the actor) that it moved.
    func tellWatchers(of bug: Bug, _ kind: NotificationKind, by actor: User?) async throws {
        let bugID = try bug.requireID()
        let watchers = try await watchers(of: bugID).filter { $0 != actor?.id }
        try await notifications.notify(watchers, kind, actor: actor, subject: bug.title, url: SiteURL.bug(.value(bugID)).path)
    }
}
