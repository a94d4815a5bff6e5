import Vapor

/// `/notifications`: the list, "mark all read", and the per-kind preferences.
struct NotificationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.notifications, use: show)
        members.post(.notificationsRead, use: markRead)
        members.post(.notificationsPreferences, use: savePreferences)
    }

    struct Row: Encodable {
        let id: Int
        let text: String
        let url: String
        let when: String
        let unread: Bool
    }

    struct PreferenceRow: Encodable {
        let kind: String
        let label: String
        let inApp: Bool
        let email: Bool
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let notice: String?
        let items: [Row]
        let pager: Pager
        let readURL: String
        let preferencesURL: String
        let preferences: [PreferenceRow]
        let hasUnread: Bool
    }

    func show(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let userID = try user.requireID()
        let service = NotificationService(req)
        let result = try await service.page(of: userID, page: req.query[Int.self, at: "page"] ?? 1)
        let preferences = try await service.preferences(of: userID)
        let pageCount = max(1, (result.total + NotificationService.perPage - 1) / NotificationService.perPage)
        let context = Context(
            layout: req.layout(title: req.t("notifications.title")), csrf: req.csrfTokenIfMember ?? "",
            notice: req.query[String.self, at: "notice"] == "saved" ? req.t("notifications.saved") : nil,
            items: result.items.map { item in
                Row(
                    id: item.id ?? 0, text: Self.text(of: item, on: req), url: item.url,
                    when: DateDisplay.dateTime(item.updatedAt, req.locale, req.viewerTimeZone), unread: item.readAt == nil)
            },
            pager: Pager(page: result.page, pageCount: pageCount) { SiteURL.notifications.path + "?page=\($0)" },
            readURL: SiteURL.notificationsRead.path, preferencesURL: SiteURL.notificationsPreferences.path,
            preferences: NotificationKind.allCases.map { kind in
                let preference = preferences[kind] ?? .standard
                return PreferenceRow(kind: kind.rawValue, label: req.t(kind.labelKey), inApp: preference.inApp, email: preference.email)
            },
            hasUnread: result.items.contains { $0.readAt == nil })
        return try await req.page("notifications/index", context)
    }

    /// "Alice and 3 others liked your post in 标题".
    static func text(of item: MemberNotification, on req: Request) -> String {
        let actor = item.actor?.name ?? req.t("notifications.someone")
        return req.t(item.actorCount > 1 ? item.kind.messageKey + "_many" : item.kind.messageKey, actor, String(item.actorCount - 1), item.subject)
    }

    struct ReadForm: Content {
        var id: Int?
    }

    func markRead(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let form = try req.content.decode(ReadForm.self)
        try await NotificationService(req).markRead(of: try user.requireID(), ids: form.id.map { [$0] })
        return req.redirect(to: SiteURL.notifications)
    }

    func savePreferences(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        var chosen: [NotificationKind: NotificationService.Preference] = [:]
        for kind in NotificationKind.allCases {
            chosen[kind] = .init(
                inApp: (try? req.content.get(String.self, at: "\(kind.rawValue)_in_app")) != nil,
                email: (try? req.content.get(String.self, at: "\(kind.rawValue)_email")) != nil)
        }
        try await NotificationService(req).setPreferences(of: try user.requireID(), chosen)
        return req.redirect(to: SiteURL.notifications.path + "?notice=saved", redirectType: .normal)
    }
}
