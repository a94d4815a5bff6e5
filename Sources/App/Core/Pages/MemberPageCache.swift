import Foundation
import Vapor

/// Members' pages as page shells (`PageShell`): a page renders once for everyone who would see
/// the same thing, and each member gets a copy with their own parts filled in.
///
/// The page decides what "the same thing" is: its key must name every version of the data it
/// shows that a member's own action could change (the thread's and the board's versions, for
/// the forum), so that a member always sees their reply, edit or like at once, on any node.
/// What members see of each other (names, levels, view counts) may be as old as `lifetime`, as
/// for visitors. The member's own parts come from the request; parts that vary by member within
/// a page (which posts they liked) are holes the page fills.
final class MemberPageCache: Sendable {
    let shells: PageCache<PageShell>
    let marker = PageShell.Marker.random()

    init(lifetime: TimeInterval) {
        shells = PageCache(lifetime: lifetime)
    }

    var isOn: Bool { shells.lifetime > 0 }

    /// The page for this member: from a shell for `key` and the member's `holes`, rendering the
    /// shell with `render` when there is none.
    func respond(
        to req: Request, key pageKey: String, holes pageHoles: [String: String],
        render: @escaping @Sendable (Request) async throws -> Response
    ) async throws -> Response {
        guard let user = req.currentUser, req.activeSession != nil else { return try await render(req) }
        // What a member's own parts change in the page's structure, beside the page's own key.
        let key = [
            req.locale.rawValue, req.viewerTimeZone.identifier, user.role == .admin ? "admin" : "-",
            req.unreadNotifications > 0 ? "unread" : "-", req.url.string, pageKey,
        ].joined(separator: " ")
        let holes = pageHoles.merging(req.personalValues) { page, _ in page }
        return try await shells.serve(key, now: req.now) {
            req.pageShellMarker = marker
            let rendered: Response
            do {
                rendered = try await render(req)
                req.pageShellMarker = nil
            } catch {
                req.pageShellMarker = nil
                throw error
            }
            guard let body = rendered.body.buffer else { return (nil, rendered) }
            let shell = PageShell(
                parsing: body, marker: marker, contentType: rendered.headers.first(name: .contentType) ?? "text/html; charset=utf-8")
            rendered.body = .init(buffer: shell.filled(holes))
            // Only a plain page is shared; anything else is answered once, its holes filled.
            let shareable = rendered.status == .ok && req.sessionCookieChange == nil && rendered.headers[.setCookie].isEmpty
            return (shareable ? shell : nil, rendered)
        } answer: { shell in
            let response = Response(status: .ok, body: .init(buffer: shell.filled(holes)))
            response.headers.replaceOrAdd(name: .contentType, value: shell.contentType)
            response.headers.replaceOrAdd(name: "X-Canyu-Cache", value: "member")
            return response
        }
    }

    /// The holes every member page has (the header's and the forms' personal parts).
    enum Hole {
        static let name = "name"
        static let profileURL = "profile-url"
        static let initials = "initials"
        static let avatarColor = "avatar-color"
        static let unread = "unread"
        static let csrf = "csrf"
    }
}

extension Request {
    private struct PageShellMarkerKey: StorageKey { typealias Value = PageShell.Marker }

    /// Set while a member page renders as a shell: the member's own parts render as holes.
    var pageShellMarker: PageShell.Marker? {
        get { storage[PageShellMarkerKey.self] }
        set { storage[PageShellMarkerKey.self] = newValue }
    }

    /// The member's own parts of every page (the header's and the forms'), by hole: what fills
    /// a shell's holes, and what a page rendered for the member alone shows. Empty for visitors.
    var personalValues: [String: String] {
        guard let user = currentUser, let userID = user.id else { return [:] }
        typealias Hole = MemberPageCache.Hole
        let avatar = Avatar(name: user.name, id: userID)
        return [
            Hole.name: user.name, Hole.profileURL: SiteURL.profile(.value(userID)).path,
            Hole.initials: avatar.initials, Hole.avatarColor: avatar.colorClass,
            Hole.unread: String(unreadNotifications), Hole.csrf: activeSession?.csrfToken ?? "",
        ]
    }

    /// What a page shows for one of the member's own parts: its value, or its hole while a
    /// shell renders.
    func personal(_ hole: String, in values: [String: String]) -> String {
        pageShellMarker?.hole(hole) ?? values[hole] ?? ""
    }

    /// The CSRF token for forms on a page, when a member is looking.
    var csrfTokenIfMember: String? { csrfTokenIfMember(in: personalValues) }

    /// The same, from personal values already worked out.
    func csrfTokenIfMember(in values: [String: String]) -> String? {
        currentUser == nil ? nil : personal(MemberPageCache.Hole.csrf, in: values)
    }
}

extension Application {
    private struct MemberPageCacheKey: StorageKey { typealias Value = MemberPageCache }

    var memberPageCache: MemberPageCache {
        stored(MemberPageCacheKey.self) { MemberPageCache(lifetime: config.memberCacheSeconds) }
    }
}
