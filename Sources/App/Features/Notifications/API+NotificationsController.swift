import Vapor

/// `/api/v1/notifications`: the caller's notifications, marking read, preferences.
struct APINotificationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped(RequireTokenMiddleware())
        members.get("notifications", use: list)
        members.post("notifications", "read", use: markRead)
        members.get("notifications", "preferences", use: preferences)
        members.put("notifications", "preferences", use: setPreferences)
    }

    struct Item: Content {
        let id: Int
        let kind: String
        let text: String
        let actor: MemberRefDTO?
        let actor_count: Int
        let subject: String
        let url: String
        let read: Bool
        let created_at: Date
        let updated_at: Date
    }

    struct Page: Content {
        let items: [Item]
        let unread: Int
        let page: Int
        let total: Int
    }

    func list(req: Request) async throws -> Page {
        let userID = try req.auth.require(User.self).requireID()
        let service = NotificationService(req)
        let result = try await service.page(of: userID, page: max(1, min(req.query[Int.self, at: "page"] ?? 1, 1_000_000)))
        return Page(
            items: result.items.map {
                Item(
                    id: $0.id ?? 0, kind: $0.kind.rawValue, text: NotificationsController.text(of: $0, on: req),
                    actor: $0.actor.map { MemberRefDTO(id: $0.id ?? 0, name: $0.name) }, actor_count: $0.actorCount, subject: $0.subject,
                    url: $0.url, read: $0.readAt != nil, created_at: $0.createdAt, updated_at: $0.updatedAt)
            },
            unread: try await service.unreadCount(of: userID), page: result.page, total: result.total)
    }

    struct ReadRequest: Content {
        var ids: [Int]?
    }

    struct ReadResponse: Content {
        let marked: Int
        let unread: Int
    }

    /// `{"ids": [...]}` marks those; an empty body or no ids marks everything.
    func markRead(req: Request) async throws -> ReadResponse {
        let userID = try req.auth.require(User.self).requireID()
        let body = req.body.data == nil || req.body.data?.readableBytes == 0 ? ReadRequest() : try req.content.decode(ReadRequest.self)
        if let ids = body.ids, ids.count > 1000 {
            throw CoreError.invalidField(field: "ids", messageKey: "admin.invalid.number", arguments: ["0", "1000"])
        }
        let service = NotificationService(req)
        let marked = try await service.markRead(of: userID, ids: body.ids)
        return ReadResponse(marked: marked, unread: try await service.unreadCount(of: userID))
    }

    struct PreferenceDTO: Content {
        let kind: String
        let in_app: Bool
        let email: Bool
    }

    func preferences(req: Request) async throws -> [PreferenceDTO] {
        let prefs = try await NotificationService(req).preferences(of: try req.auth.require(User.self).requireID())
        return NotificationKind.allCases.map { PreferenceDTO(kind: $0.rawValue, in_app: prefs[$0]?.inApp ?? true, email: prefs[$0]?.email ?? false) }
    }

    func setPreferences(req: Request) async throws -> [PreferenceDTO] {
        let body = try req.content.decode([PreferenceDTO].self)
        var chosen: [NotificationKind: NotificationService.Preference] = [:]
        for item in body {
            guard let kind = NotificationKind(rawValue: item.kind) else {
                throw CoreError.invalidField(field: "kind", messageKey: "forum.invalid.action")
            }
            chosen[kind] = .init(inApp: item.in_app, email: item.email)
        }
        try await NotificationService(req).setPreferences(of: try req.auth.require(User.self).requireID(), chosen)
        return try await preferences(req: req)
    }
}
