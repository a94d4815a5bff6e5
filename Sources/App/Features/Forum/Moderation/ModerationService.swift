import Fluent
import Foundation
import SQLKit
import Vapor

/// Moderation: what board moderators, staff and admins do to threads, posts and members, and
/// the report queue. Every action writes the audit log in the same transaction, tells the
/// member whose content or account it was, and applies standing's deductions.
struct ModerationService {
    enum ThreadAction: String, CaseIterable, Sendable {
        case pin, unpin, feature, unfeature, lock, unlock, move, delete
    }

    enum PostAction: String, CaseIterable, Sendable {
        case hide, delete
    }

    static let reasonLength = 1...500
    static let maxSanctionHours = 24 * 365 * 10

    let forum: ForumService
    var db: any Database { forum.db }
    var now: Date { forum.clock.now() }

    init(_ req: Request) { forum = ForumService(req) }
    init(_ app: Application) { forum = ForumService(app) }
    init(forum: ForumService) { self.forum = forum }

    /// A choice sent by a form or the API (`pin`, `hide`, `mute`, ...); anything else is a 422
    /// naming the field.
    static func choice<T: RawRepresentable>(_ raw: String?, field: String = "action") throws -> T where T.RawValue == String {
        guard let value = raw.flatMap(T.init(rawValue:)) else {
            throw CoreError.invalidField(field: field, messageKey: "forum.invalid.action")
        }
        return value
    }

    static func validReason(_ raw: String?, required: Bool = true) throws -> String {
        let reason = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty && !required { return "" }
        guard reasonLength.contains(reason.count) else {
            throw CoreError.invalidField(field: "reason", messageKey: "forum.invalid.reason", arguments: [String(reasonLength.upperBound)])
        }
        return reason
    }

    // MARK: Threads

    func moderate(thread threadID: Int, _ action: ThreadAction, by actor: User, reason rawReason: String?, toBoard: Int? = nil) async throws -> ForumThread {
        let thread = try await forum.thread(threadID)
        guard try await ForumPolicy.canModerate(actor, board: thread.$board.id, on: db) else { throw CoreError.forbidden }
        // Pinning and featuring are praise; taking something away needs a reason.
        let reason = try Self.validReason(rawReason, required: [.delete, .move, .lock].contains(action))
        let actorID = try actor.requireID()
        let before = Self.describe(thread)
        var targetBoard: Board?
        if action == .move {
            guard let toBoard, let board = try await Board.find(toBoard, on: db) else {
                throw CoreError.invalidField(field: "board_id", messageKey: "forum.invalid.board")
            }
            guard board.id != thread.$board.id else { throw ForumError.sameBoard }
            // Moving into a board needs the right to moderate there too.
            guard try await ForumPolicy.canModerate(actor, board: board.requireID(), on: db) else { throw CoreError.forbidden }
            targetBoard = board
        }
        let targetID = try targetBoard?.requireID()
        let wasFeatured = thread.featured
        let fromBoard = thread.$board.id
        try await db.transaction { tx in
            let forum = self.forum.on(tx)
            switch action {
            case .pin: thread.pinned = true
            case .unpin: thread.pinned = false
            case .feature: thread.featured = true
            case .unfeature: thread.featured = false
            case .lock: thread.locked = true
            case .unlock: thread.locked = false
            case .move:
                let from = thread.$board.id
                guard let to = targetID else { return }
                let visiblePosts = thread.replyCount + 1
                try await forum.sql.raw("UPDATE boards SET thread_count = thread_count - 1, post_count = post_count - \(bind: visiblePosts) WHERE id = \(bind: from)").run()
                try await forum.sql.raw("UPDATE boards SET thread_count = thread_count + 1, post_count = post_count + \(bind: visiblePosts) WHERE id = \(bind: to)").run()
                thread.$board.id = to
                try await forum.search.moveThread(threadID, to: to)
            case .delete:
                thread.deleted = true
                try await forum.sql.raw("UPDATE boards SET thread_count = thread_count - 1, post_count = post_count - \(bind: thread.replyCount + 1) WHERE id = \(bind: thread.$board.id)").run()
                try await forum.search.setThreadVisible(threadID: threadID, false)
            }
            try await thread.update(on: tx)
            try await ForumPageVersions.bump(thread: threadID, boards: [fromBoard, thread.$board.id], on: tx)
            try await ModerationLogEntry(
                actorID: actorID, action: action == .delete ? "delete_thread" : action.rawValue, target: "thread:\(threadID)",
                subjectUserID: thread.$author.id, reason: reason, before: before, after: Self.describe(thread), createdAt: self.now
            ).create(on: tx)
        }
        let authorID = thread.$author.id
        switch action {
        case .feature where !wasFeatured:
            _ = try await forum.standing.award(CreditAction.threadFeatured, to: authorID, source: "thread:\(threadID)", actorID: actorID)
        case .delete:
            _ = try await forum.standing.award(CreditAction.threadRemoved, to: authorID, source: "thread:\(threadID)", reason: reason, actorID: actorID)
        default: break
        }
        if authorID != actorID {
            let url = action == .delete ? SiteURL.forum.path : SiteURL.thread(.value(threadID)).path
            try await forum.notifications.notify(
                authorID, .moderation, actor: actor, subject: Self.subject(action.rawValue, thread.title, reason, mail: forum.mail), url: url)
        }
        return thread
    }

    // MARK: Posts

    func moderate(post postID: Int, _ action: PostAction, by actor: User, reason rawReason: String?) async throws {
        let post = try await forum.post(postID)
        let thread = try await forum.thread(post.$thread.id)
        guard try await ForumPolicy.canModerate(actor, board: thread.$board.id, on: db) else { throw CoreError.forbidden }
        let reason = try Self.validReason(rawReason)
        guard post.state != .deleted else { throw ForumError.postDeleted }
        if action == .hide, post.state == .hidden { throw ForumError.postDeleted }
        let actorID = try actor.requireID()
        let before = post.state.rawValue
        let wasVisible = post.state == .visible
        try await db.transaction { tx in
            try await self.forum.on(tx).takeDown(post, in: thread, to: action == .hide ? .hidden : .deleted, reason: reason)
            try await ModerationLogEntry(
                actorID: actorID, action: action == .hide ? "hide_post" : "delete_post", target: "post:\(postID)",
                subjectUserID: post.$author.id, reason: reason, before: before, after: post.state.rawValue, createdAt: self.now
            ).create(on: tx)
        }
        let authorID = post.$author.id
        if wasVisible {
            // Floor #1 carries the thread, so removing it costs what removing a thread does.
            let rule = post.floor == 1 ? CreditAction.threadRemoved : CreditAction.replyRemoved
            _ = try await forum.standing.award(rule, to: authorID, source: "post:\(postID)", reason: reason, actorID: actorID)
        }
        if authorID != actorID {
            try await forum.notifications.notify(
                authorID, .moderation, actor: actor, subject: Self.subject(action.rawValue + "_post", thread.title, reason, mail: forum.mail),
                url: SiteURL.post(.value(postID)).path)
        }
    }

    // MARK: Members

    /// Mutes (can read, cannot post) or bans (cannot log in) a member for some hours.
    func sanction(_ userID: Int, _ kind: MemberSanction.Kind, hours: Int, by actor: User, reason rawReason: String?) async throws -> MemberSanction {
        guard try await ForumPolicy.canSanction(actor, on: db) else { throw CoreError.forbidden }
        let reason = try Self.validReason(rawReason)
        guard (1...Self.maxSanctionHours).contains(hours) else {
            throw CoreError.invalidField(field: "hours", messageKey: "forum.invalid.hours", arguments: ["1", String(Self.maxSanctionHours)])
        }
        let member = try await AccountsService.member(userID, on: db)
        guard member.id != actor.id else { throw CoreError.forbidden }
        // Moderators can't act on staff; staff and admins only on those below them.
        if ForumPolicy.moderatesEverywhere(member) && !(actor.role == .admin && member.role != .admin) { throw CoreError.forbidden }
        let actorID = try actor.requireID()
        let now = self.now
        let until = now.addingTimeInterval(Double(hours) * 3600)
        let sanction = MemberSanction(userID: userID, kind: kind, reason: reason, until: until, actorID: actorID, createdAt: now)
        let before = Self.describe(member, now: now)
        try await db.transaction { tx in
            try await sanction.create(on: tx)
            switch kind {
            case .mute: member.mutedUntil = max(member.mutedUntil ?? until, until)
            case .ban:
                member.bannedUntil = max(member.bannedUntil ?? until, until)
                member.banReason = reason
                try await WebSessions.endOthers(of: userID, keeping: nil, on: tx)
            }
            try await member.update(on: tx)
            try await ModerationLogEntry(
                actorID: actorID, action: kind.rawValue, target: "user:\(userID)", subjectUserID: userID, reason: reason,
                before: before, after: Self.describe(member, now: now), createdAt: now
            ).create(on: tx)
        }
        let rule = kind == .mute ? CreditAction.muted : CreditAction.banned
        _ = try await forum.standing.award(rule, to: userID, source: "sanction:\(try sanction.requireID())", reason: reason, actorID: actorID)
        try await forum.notifications.notify(
            userID, .moderation, actor: actor, subject: Self.subject(kind.rawValue, member.name, reason, mail: forum.mail),
            url: SiteURL.profile(.value(userID)).path)
        return sanction
    }

    /// Ends a member's mute or ban early.
    func lift(_ userID: Int, _ kind: MemberSanction.Kind, by actor: User, reason rawReason: String?) async throws {
        guard try await ForumPolicy.canSanction(actor, on: db) else { throw CoreError.forbidden }
        let reason = try Self.validReason(rawReason)
        let member = try await AccountsService.member(userID, on: db)
        let now = self.now
        let before = Self.describe(member, now: now)
        try await db.transaction { tx in
            switch kind {
            case .mute: member.mutedUntil = nil
            case .ban:
                member.bannedUntil = nil
                member.banReason = nil
            }
            try await member.update(on: tx)
            try await MemberSanction.query(on: tx).filter(\.$user.$id == userID).filter(\.$kind == kind).filter(\.$liftedAt == nil)
                .filter(\.$until > now).set(\.$liftedAt, to: now).update()
            try await ModerationLogEntry(
                actorID: try actor.requireID(), action: "lift_" + kind.rawValue, target: "user:\(userID)", subjectUserID: userID,
                reason: reason, before: before, after: Self.describe(member, now: now), createdAt: now
            ).create(on: tx)
        }
    }

    func sanctions(of userID: Int) async throws -> [MemberSanction] {
        try await MemberSanction.query(on: db).filter(\.$user.$id == userID).sort(\.$id, .descending).with(\.$actor).all()
    }

    // MARK: Reports

    func report(_ postID: Int, by reporter: User, reason rawReason: String?) async throws -> PostReport {
        let reason = try Self.validReason(rawReason)
        let post = try await forum.post(postID)
        _ = try await forum.thread(post.$thread.id)
        guard post.state == .visible else { throw ForumError.postDeleted }
        let report = PostReport(postID: postID, reporterID: try reporter.requireID(), reason: reason, createdAt: now)
        do {
            try await report.create(on: db)
        } catch where isConstraintViolation(error) {
            throw ForumError.alreadyReported
        }
        return report
    }

    /// Open reports on the boards this member moderates (all boards for staff), oldest first.
    func openReports(for moderator: User, limit: Int = 100) async throws -> [PostReport] {
        let query = PostReport.query(on: db).filter(\.$status == .open)
            .join(Post.self, on: \PostReport.$post.$id == \Post.$id)
            .join(ForumThread.self, on: \Post.$thread.$id == \ForumThread.$id)
        if !ForumPolicy.moderatesEverywhere(moderator) {
            let boards = try await BoardModerator.query(on: db).filter(\.$user.$id == moderator.requireID()).all(\.$board.$id)
            guard !boards.isEmpty else { return [] }
            query.filter(ForumThread.self, \.$board.$id ~~ boards)
        }
        return try await query.sort(\.$createdAt).limit(limit).with(\.$post).with(\.$reporter).all()
    }

    func resolve(_ reportID: Int, by moderator: User, dismiss: Bool, note rawNote: String?) async throws {
        guard let report = try await PostReport.find(reportID, on: db) else { throw CoreError.notFound }
        let post = try await forum.post(report.$post.id)
        guard let thread = try await ForumThread.find(post.$thread.id, on: db),
            try await ForumPolicy.canModerate(moderator, board: thread.$board.id, on: db)
        else { throw CoreError.forbidden }
        guard report.status == .open else { return }
        let note = try Self.validReason(rawNote, required: false)
        let actorID = try moderator.requireID()
        try await db.transaction { tx in
            report.status = dismiss ? .dismissed : .resolved
            report.$resolver.id = actorID
            report.resolution = note
            report.resolvedAt = self.now
            try await report.update(on: tx)
            try await ModerationLogEntry(
                actorID: actorID, action: dismiss ? "dismiss_report" : "resolve_report", target: "report:\(reportID)",
                subjectUserID: post.$author.id, reason: note, before: "open", after: report.status.rawValue, createdAt: self.now
            ).create(on: tx)
        }
    }

    // MARK: The audit log

    func log(page requested: Int, perPage: Int = 50) async throws -> (entries: [ModerationLogEntry], page: Int, total: Int) {
        let total = try await ModerationLogEntry.query(on: db).count()
        let page = min(max(requested, 1), max(1, (total + perPage - 1) / perPage))
        let entries = try await ModerationLogEntry.query(on: db).sort(\.$id, .descending)
            .range(((page - 1) * perPage)..<(page * perPage)).with(\.$actor).with(\.$subjectUser).all()
        return (entries, page, total)
    }

    // MARK: Describing state for the log

    static func describe(_ thread: ForumThread) -> String {
        "board=\(thread.$board.id) pinned=\(thread.pinned) featured=\(thread.featured) locked=\(thread.locked) deleted=\(thread.deleted)"
    }

    static func describe(_ member: User, now: Date) -> String {
        let muted = member.mutedUntil.flatMap { $0 > now ? DateDisplay.utc($0) : nil } ?? "no"
        let banned = member.bannedUntil.flatMap { $0 > now ? DateDisplay.utc($0) : nil } ?? "no"
        return "muted_until=\(muted) banned_until=\(banned)"
    }

    /// "精华 · 标题 · 理由": the action in the site's default language, what, and why.
    static func subject(_ action: String, _ what: String, _ reason: String, mail: NotificationService.Mail) -> String {
        let label = mail.localizer.text("moderation.action.\(action)", mail.defaultLocale)
        return [label, what, reason].filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
