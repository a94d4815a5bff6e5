import Fluent
import Foundation
import SQLKit
import Vapor

/// The notification service every area uses: in-app notifications (grouped where it makes
/// sense), the unread count, per-kind preferences, and emails into the outbox for the kinds a
/// member opted into.
struct NotificationService {
    /// What writing an email needs: the texts, the fallback language, the site's address.
    struct Mail: Sendable {
        let localizer: Localizer
        let defaultLocale: SupportedLocale
        let baseURL: URL

        init(localizer: Localizer, defaultLocale: SupportedLocale, baseURL: URL) {
            self.localizer = localizer
            self.defaultLocale = defaultLocale
            self.baseURL = baseURL
        }

        init(_ app: Application) {
            self.init(localizer: app.localizer, defaultLocale: app.config.defaultLocale, baseURL: app.config.baseURL)
        }
    }

    struct Preference: Sendable, Equatable {
        var inApp: Bool
        var email: Bool
        static let standard = Preference(inApp: true, email: false)
    }

    static let perPage = 30
    static let maxMentions = 10

    let db: any Database
    let clock: any AppClock
    let mail: Mail

    init(db: any Database, clock: any AppClock, mail: Mail) {
        self.db = db
        self.clock = clock
        self.mail = mail
    }

    init(_ req: Request) {
        self.init(db: req.db, clock: req.application.clock, mail: .init(req.application))
    }

    init(_ app: Application) {
        self.init(db: app.db, clock: app.clock, mail: .init(app))
    }

    // MARK: Sending

    /// Tells a member something happened. With a `group` key, an unread notification of the
    /// same group grows its count instead of adding a row ("Alice and 3 others liked ...").
    func notify(_ userID: Int, _ kind: NotificationKind, actor: User?, subject: String, url: String, group: String? = nil) async throws {
        let preference = try await preference(of: userID, kind)
        let now = clock.now()
        if preference.inApp, let sql = db as? any SQLDatabase {
            let subject = String(subject.prefix(200))
            if let group {
                try await sql.raw("""
                    INSERT INTO notifications (user_id, kind, group_key, actor_id, actor_count, subject, url, created_at, updated_at)
                    VALUES (\(bind: userID), \(bind: kind.rawValue), \(bind: group), \(bind: actor?.id), 1, \(bind: subject), \(bind: url), \(bind: now), \(bind: now))
                    ON CONFLICT (user_id, group_key) WHERE read_at IS NULL AND group_key IS NOT NULL
                    DO UPDATE SET actor_count = notifications.actor_count + 1, actor_id = excluded.actor_id, updated_at = excluded.updated_at
                    """).run()
            } else {
                try await sql.raw("""
                    INSERT INTO notifications (user_id, kind, actor_id, actor_count, subject, url, created_at, updated_at)
                    VALUES (\(bind: userID), \(bind: kind.rawValue), \(bind: actor?.id), 1, \(bind: subject), \(bind: url), \(bind: now), \(bind: now))
                    """).run()
            }
        }
        if preference.email { try await email(userID, kind, actor: actor, subject: subject, url: url, at: now) }
    }

    /// Puts the email for one notification in the outbox, in the member's language.
    private func email(_ userID: Int, _ kind: NotificationKind, actor: User?, subject: String, url: String, at now: Date) async throws {
        guard let member = try await User.find(userID, on: db) else { return }
        let locale = member.locale.flatMap(SupportedLocale.init(rawValue:)) ?? mail.defaultLocale
        let text = mail.localizer.text(kind.messageKey, locale, [actor?.name ?? "", "0", subject])
        let link = mail.baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + url
        let body = text + "\n\n" + link + "\n\n" + mail.localizer.text("notifications.email.footer", locale)
        try await OutboxEmail(
            userID: userID, to: member.email, subject: mail.localizer.text("notifications.email.subject", locale, [text]), body: body, createdAt: now
        ).create(on: db)
    }

    /// Tells many members the same thing (a bug's or an idea's watchers): their preferences in
    /// one query and the in-app notifications in one insert; emails as `notify` sends them.
    func notify(_ userIDs: [Int], _ kind: NotificationKind, actor: User?, subject: String, url: String) async throws {
        let members = Array(Set(userIDs)).sorted()
        guard !members.isEmpty, let sql = db as? any SQLDatabase else { return }
        var preferences: [Int: Preference] = [:]
        for row in try await sql.raw("""
            SELECT user_id, in_app, email FROM notification_preferences WHERE kind = \(bind: kind.rawValue) AND user_id IN (\(binds: members))
            """).all() {
            preferences[try row.decode(column: "user_id", as: Int.self)] = Preference(
                inApp: try row.decode(column: "in_app", as: Bool.self), email: try row.decode(column: "email", as: Bool.self))
        }
        let now = clock.now()
        let inApp = members.filter { (preferences[$0] ?? .standard).inApp }
        if !inApp.isEmpty {
            let insert = sql.insert(into: "notifications").columns("user_id", "kind", "actor_id", "actor_count", "subject", "url", "created_at", "updated_at")
            for userID in inApp {
                insert.values(
                    SQLBind(userID), SQLBind(kind.rawValue), SQLBind(actor?.id), SQLBind(1), SQLBind(String(subject.prefix(200))), SQLBind(url), SQLBind(now),
                    SQLBind(now))
            }
            try await insert.run()
        }
        for userID in members where (preferences[userID] ?? .standard).email {
            try await email(userID, kind, actor: actor, subject: subject, url: url, at: now)
        }
    }

    /// Notifies the members named with `@name` in a text (at most ten), except those in `except`.
    func mentions(in text: String, by author: User, subject: String, url: String, except: Set<Int>) async throws {
        let keys = Self.mentionedNames(in: text).map(AccountRules.nameKey)
        guard !keys.isEmpty else { return }
        let members = try await User.query(on: db).filter(\.$nameKey ~~ keys).all()
        for member in members {
            guard let id = member.id, !except.contains(id) else { continue }
            try await notify(id, .mention, actor: author, subject: subject, url: url)
        }
    }

    static func mentionedNames(in text: String) -> [String] {
        var names: [String] = []
        let stops = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "@,.:;!?()[]<>\"'，。：；！？、（）【】《》"))
        var index = text.startIndex
        while let at = text[index...].firstIndex(of: "@") {
            var end = text.index(after: at)
            while end < text.endIndex, !text[end].unicodeScalars.contains(where: stops.contains), text.distance(from: at, to: end) <= 30 {
                end = text.index(after: end)
            }
            let name = String(text[text.index(after: at)..<end])
            // `a@b.c` is an email address, not a mention.
            let glued = at > text.startIndex && !text[text.index(before: at)].unicodeScalars.contains(where: stops.contains)
            if !name.isEmpty, !glued, !names.contains(name) { names.append(name) }
            if names.count == maxMentions { break }
            index = end
        }
        return names
    }

    // MARK: Reading

    func unreadCount(of userID: Int) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "notifications need an SQL database") }
        let row = try await sql.raw("SELECT \(Self.unreadCount(ofMember: SQLBind(userID))) AS unread").first()
        return try row?.decode(column: "unread", as: Int.self) ?? 0
    }

    /// What counts as unread, as an SQL expression: for `unreadCount(of:)`, and for the session's
    /// query, which brings every member page's header count along (`WebSessions.load`).
    static func unreadCount(ofMember userID: any SQLExpression) -> SQLQueryString {
        "(SELECT COUNT(*) FROM notifications n WHERE n.user_id = \(userID) AND n.read_at IS NULL)"
    }

    func page(of userID: Int, page requested: Int) async throws -> (items: [MemberNotification], total: Int, page: Int) {
        let query = MemberNotification.query(on: db).filter(\.$user.$id == userID)
        let total = try await query.count()
        let page = min(max(requested, 1), max(1, (total + Self.perPage - 1) / Self.perPage))
        let items = try await query.sort(\.$updatedAt, .descending).sort(\.$id, .descending)
            .range(((page - 1) * Self.perPage)..<(page * Self.perPage)).with(\.$actor).all()
        return (items, total, page)
    }

    /// Marks the given notifications (or all) read; returns how many changed.
    @discardableResult
    func markRead(of userID: Int, ids: [Int]? = nil) async throws -> Int {
        let query = MemberNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil)
        if let ids { query.filter(\.$id ~~ ids) }
        let count = try await query.count()
        let update = MemberNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil).set(\.$readAt, to: clock.now())
        if let ids { update.filter(\.$id ~~ ids) }
        try await update.update()
        return count
    }

    // MARK: Preferences

    func preferences(of userID: Int) async throws -> [NotificationKind: Preference] {
        let rows = try await NotificationPreference.query(on: db).filter(\.$user.$id == userID).all()
        var result = Dictionary(uniqueKeysWithValues: NotificationKind.allCases.map { ($0, Preference.standard) })
        for row in rows { result[row.kind] = Preference(inApp: row.inApp, email: row.email) }
        return result
    }

    func preference(of userID: Int, _ kind: NotificationKind) async throws -> Preference {
        guard let row = try await NotificationPreference.query(on: db).filter(\.$user.$id == userID).filter(\.$kind == kind).first() else {
            return .standard
        }
        return Preference(inApp: row.inApp, email: row.email)
    }

    func setPreferences(of userID: Int, _ preferences: [NotificationKind: Preference]) async throws {
        try await db.transaction { tx in
            for (kind, preference) in preferences {
                if let row = try await NotificationPreference.query(on: tx).filter(\.$user.$id == userID).filter(\.$kind == kind).first() {
                    row.inApp = preference.inApp
                    row.email = preference.email
                    try await row.update(on: tx)
                } else {
                    try await NotificationPreference(userID: userID, kind: kind, inApp: preference.inApp, email: preference.email).create(on: tx)
                }
            }
        }
    }
}
