import Fluent
import SQLKit
import Vapor

/// The session of the current request, as loaded by `WebSessionMiddleware`.
struct ActiveSession: Sendable {
    let id: String
    let userID: Int?
    let csrfToken: String
    /// The member's unread notifications when the request began, for the page header.
    var unreadNotifications = 0
}

/// Starting, loading and ending browser sessions. Sessions slide: each lasts 30 days from the
/// last day it was used, and is refreshed at most once a day so reads stay reads.
enum WebSessions {
    static let cookieName = "canyu_session"
    static let lifetime: TimeInterval = 30 * 24 * 3600
    static let refreshAfter: TimeInterval = 24 * 3600

    /// Every page asks this, so the session, its member and what the header shows of them (the
    /// unread notifications) come in one query (each query is a thread hop on SQLite), decoded
    /// without Fluent's reflection (see `User.output(from:)`).
    static func load(cookie: String, on req: Request) async throws -> (ActiveSession, User?)? {
        guard cookie.count <= 128, let sql = req.db as? any SQLDatabase else { return nil }
        let id = SecureToken.hash(cookie)
        guard
            let row = try await SmallRead.run({ try await sql.raw("""
                SELECT s.user_id AS session_user_id, s.csrf_token AS session_csrf_token, s.expires_at AS session_expires_at,
                    \(NotificationService.unreadCount(ofMember: SQLColumn("user_id", table: "s"))) AS session_unread, u.*
                FROM web_sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id = \(bind: id)
                """).first() })
        else { return nil }
        let now = req.now
        let expiresAt = try row.decode(column: "session_expires_at", as: Date.self)
        guard expiresAt > now else {
            try await sql.raw("DELETE FROM web_sessions WHERE id = \(bind: id)").run()
            return nil
        }
        let userID = try row.decode(column: "session_user_id", as: Int?.self)
        let user = userID == nil ? nil : try row.decode(fluentModel: User.self)
        if expiresAt.timeIntervalSince(now) < lifetime - refreshAfter {
            try await sql.raw("UPDATE web_sessions SET expires_at = \(bind: now.addingTimeInterval(lifetime)) WHERE id = \(bind: id)").run()
        }
        let session = ActiveSession(
            id: id, userID: userID, csrfToken: try row.decode(column: "session_csrf_token", as: String.self),
            unreadNotifications: try row.decode(column: "session_unread", as: Int.self))
        return (session, user)
    }

    /// Starts a fresh session (for a login, or to hold an anonymous visitor's CSRF token). Any
    /// previous session of this browser ends, so a session id never survives a change of user.
    @discardableResult
    static func start(for user: User?, on req: Request) async throws -> ActiveSession {
        if let previous = req.activeSession {
            try await WebSession.query(on: req.db).filter(\.$id == previous.id).delete()
        }
        let now = req.now
        try await WebSession.query(on: req.db).filter(\.$expiresAt < now).delete()
        let cookie = SecureToken.make()
        let row = WebSession(
            id: SecureToken.hash(cookie), userID: try user?.requireID(), csrfToken: SecureToken.make(),
            createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
        try await row.create(on: req.db)
        let session = ActiveSession(id: row.id!, userID: row.$user.id, csrfToken: row.csrfToken)
        req.activeSession = session
        req.sessionCookieChange = .set(cookie)
        req.auth.logout(User.self)
        if let user { req.auth.login(user) }
        req.forgetResolvedLocale()
        return session
    }

    static func end(on req: Request) async throws {
        if let session = req.activeSession {
            try await WebSession.query(on: req.db).filter(\.$id == session.id).delete()
        }
        req.activeSession = nil
        req.sessionCookieChange = .clear
        req.auth.logout(User.self)
        req.forgetResolvedLocale()
    }

    /// Ends every other session of a user (after a password change).
    static func endOthers(of userID: Int, keeping keep: String?, on db: any Database) async throws {
        let query = WebSession.query(on: db).filter(\.$user.$id == userID)
        if let keep { query.filter(\.$id != keep) }
        try await query.delete()
    }
}

enum SessionCookieChange: Sendable {
    case set(String)
    case clear
}

extension Request {
    private struct ActiveSessionKey: StorageKey { typealias Value = ActiveSession }
    private struct CookieChangeKey: StorageKey { typealias Value = SessionCookieChange }

    var activeSession: ActiveSession? {
        get { storage[ActiveSessionKey.self] }
        set { storage[ActiveSessionKey.self] = newValue }
    }

    var sessionCookieChange: SessionCookieChange? {
        get { storage[CookieChangeKey.self] }
        set { storage[CookieChangeKey.self] = newValue }
    }

    var currentUser: User? { auth.get(User.self) }

    /// The member's unread notifications, for the page header; 0 for visitors.
    var unreadNotifications: Int { currentUser == nil ? 0 : activeSession?.unreadNotifications ?? 0 }

    /// The CSRF token for a form on this page; an anonymous visitor gets a session for it.
    func csrfToken() async throws -> String {
        if let session = activeSession { return session.csrfToken }
        return try await WebSessions.start(for: nil, on: self).csrfToken
    }
}

/// Loads the browser session (pages only: the API authenticates by bearer token alone, so a
/// cookie can never act on it) and writes the cookie when a handler started or ended one.
struct WebSessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var staleCookie = false
        if !request.isAPI, let cookie = request.cookies[WebSessions.cookieName]?.string {
            if let (session, user) = try await WebSessions.load(cookie: cookie, on: request) {
                request.activeSession = session
                // Banning ends a member's sessions; this covers one started on another node meanwhile.
                if let user, !user.isBanned(at: request.now) { request.auth.login(user) }
            } else {
                staleCookie = true
            }
        }
        let response = try await next.respond(to: request)
        switch request.sessionCookieChange {
        case .set(let value):
            response.cookies[WebSessions.cookieName] = HTTPCookies.Value(
                string: value, maxAge: Int(WebSessions.lifetime), path: "/",
                isSecure: request.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        case .clear:
            response.cookies[WebSessions.cookieName] = .expired
        case nil:
            if staleCookie { response.cookies[WebSessions.cookieName] = .expired }
        }
        return response
    }
}
