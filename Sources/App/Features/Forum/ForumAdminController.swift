import Fluent
import Vapor

/// `/admin/forum` (admins): categories, boards and their moderators; `/admin/moderation-log`
/// and `/admin/outbox` (staff).
struct ForumAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.adminForum, use: show)
        members.post(.adminForumCategories, use: createCategory)
        members.post(.adminForumCategory(.key), use: updateCategory)
        members.post(.adminForumBoards, use: createBoard)
        members.post(.adminForumBoard(.key), use: updateBoard)
        members.post(.adminForumBoardModerators(.key), use: moderators)
        members.get(.adminModerationLog, use: log)
        members.get(.adminOutbox, use: outbox)
    }

    struct CategoryRow: Encodable {
        let id: Int
        let nameZh: String
        let nameEn: String
        let position: Int
        let action: String
    }

    struct ModeratorRow: Encodable {
        let id: Int
        let name: String
    }

    struct BoardRow: Encodable {
        let id: Int
        let categoryID: Int
        let nameZh: String
        let nameEn: String
        let descriptionZh: String
        let descriptionEn: String
        let icon: String
        let position: Int
        let archived: Bool
        let action: String
        let moderatorsAction: String
        let moderators: [ModeratorRow]
        let url: String
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let notice: String?
        let categories: [CategoryRow]
        let boards: [BoardRow]
        let createCategoryURL: String
        let createBoardURL: String
        let logURL: String
        let outboxURL: String
        let error: FormError?
    }

    func show(req: Request) async throws -> Response {
        try await render(req)
    }

    private func render(_ req: Request, error: FormError? = nil, status: HTTPStatus = .ok) async throws -> Response {
        guard ForumPolicy.canManageBoards(req.currentUser) else { throw CoreError.forbidden }
        let groups = try await ForumService(req).boardGroups(includingArchived: true)
        let moderators = try await BoardModerator.query(on: req.db).with(\.$user).all()
        let context = Context(
            layout: req.layout(title: req.t("forum.admin.title")), csrf: req.csrfTokenIfMember ?? "",
            notice: req.query[String.self, at: "notice"] == "saved" ? req.t("admin.notice.saved") : nil,
            categories: groups.map { group in
                let id = group.category.id ?? 0
                return CategoryRow(id: id, nameZh: group.category.nameZh, nameEn: group.category.nameEn, position: group.category.position,
                    action: SiteURL.adminForumCategory(.value(id)).path)
            },
            boards: groups.flatMap(\.boards).map { board in
                let id = board.id ?? 0
                return BoardRow(
                    id: id, categoryID: board.$category.id, nameZh: board.nameZh, nameEn: board.nameEn, descriptionZh: board.descriptionZh,
                    descriptionEn: board.descriptionEn, icon: board.icon, position: board.position, archived: board.archived,
                    action: SiteURL.adminForumBoard(.value(id)).path, moderatorsAction: SiteURL.adminForumBoardModerators(.value(id)).path,
                    moderators: moderators.filter { $0.$board.id == id }.map { ModeratorRow(id: $0.$user.id, name: $0.user.name) },
                    url: SiteURL.board(.value(id)).path)
            },
            createCategoryURL: SiteURL.adminForumCategories.path, createBoardURL: SiteURL.adminForumBoards.path,
            logURL: SiteURL.adminModerationLog.path, outboxURL: SiteURL.adminOutbox.path, error: error)
        return try await req.page("forum/admin", context, status: status)
    }

    private func saving(_ req: Request, _ work: () async throws -> Void) async throws -> Response {
        do {
            try await work()
            return req.redirect(to: SiteURL.adminForum.path + "?notice=saved", redirectType: .normal)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await render(req, error: formError, status: status)
        }
    }

    func createCategory(req: Request) async throws -> Response {
        let input = try req.content.decode(BoardAdminService.CategoryInput.self)
        return try await saving(req) { _ = try await BoardAdminService(req).createCategory(input, by: try req.auth.require(User.self)) }
    }

    func updateCategory(req: Request) async throws -> Response {
        let input = try req.content.decode(BoardAdminService.CategoryInput.self)
        let id = try req.idParameter()
        return try await saving(req) { _ = try await BoardAdminService(req).updateCategory(id, input, by: try req.auth.require(User.self)) }
    }

    /// Checkboxes send nothing when unticked, so the form says "archived" explicitly.
    private func boardInput(_ req: Request) throws -> BoardAdminService.BoardInput {
        var input = try req.content.decode(BoardAdminService.BoardInput.self)
        input.archived = (try? req.content.get(String.self, at: "archived")) == "on"
        return input
    }

    func createBoard(req: Request) async throws -> Response {
        let input = try boardInput(req)
        return try await saving(req) { _ = try await BoardAdminService(req).createBoard(input, by: try req.auth.require(User.self)) }
    }

    func updateBoard(req: Request) async throws -> Response {
        let input = try boardInput(req)
        let id = try req.idParameter()
        return try await saving(req) { _ = try await BoardAdminService(req).updateBoard(id, input, by: try req.auth.require(User.self)) }
    }

    struct ModeratorForm: Content {
        var name: String?
        var remove_user_id: Int?
    }

    func moderators(req: Request) async throws -> Response {
        let form = try req.content.decode(ModeratorForm.self)
        let boardID = try req.idParameter()
        return try await saving(req) {
            let service = BoardAdminService(req)
            let user = try req.auth.require(User.self)
            if let remove = form.remove_user_id {
                try await service.removeModerator(remove, from: boardID, by: user)
            } else {
                try await service.addModerator(named: form.name, to: boardID, by: user)
            }
        }
    }

    // MARK: The audit log and the outbox

    struct LogRow: Encodable {
        let when: String
        let actor: String
        let action: String
        let target: String
        let member: String?
        let reason: String
        let before: String
        let after: String
    }

    struct LogContext: Encodable {
        let layout: PageLayout
        let entries: [LogRow]
        let pager: Pager
    }

    func log(req: Request) async throws -> Response {
        guard ForumPolicy.canSeeAuditLog(req.currentUser) else { throw CoreError.forbidden }
        let result = try await ModerationService(req).log(page: req.query[Int.self, at: "page"] ?? 1)
        let context = LogContext(
            layout: req.layout(title: req.t("moderation.log.title")),
            entries: result.entries.map { entry in
                LogRow(
                    when: DateDisplay.dateTime(entry.createdAt, req.locale, req.viewerTimeZone), actor: entry.actor.name,
                    action: req.t("moderation.action.\(entry.action)"), target: entry.target, member: entry.subjectUser?.name,
                    reason: entry.reason, before: entry.before, after: entry.after)
            },
            pager: Pager(page: result.page, pageCount: max(1, (result.total + 49) / 50)) { SiteURL.adminModerationLog.path + "?page=\($0)" })
        return try await req.page("forum/moderation_log", context)
    }

    struct OutboxRow: Encodable {
        let to: String
        let subject: String
        let status: String
        let attempts: Int
        let when: String
        let lastError: String?
    }

    struct OutboxContext: Encodable {
        let layout: PageLayout
        let sendmailConfigured: Bool
        let emails: [OutboxRow]
    }

    func outbox(req: Request) async throws -> Response {
        guard ForumPolicy.canSeeAuditLog(req.currentUser) else { throw CoreError.forbidden }
        let emails = try await OutboxEmail.query(on: req.db).sort(\.$id, .descending).limit(200).all()
        let context = OutboxContext(
            layout: req.layout(title: req.t("outbox.title")), sendmailConfigured: req.application.config.sendmailPath != nil,
            emails: emails.map {
                OutboxRow(
                    to: $0.toAddress, subject: $0.subject, status: req.t("outbox.status.\($0.status.rawValue)"), attempts: $0.attempts,
                    when: DateDisplay.dateTime($0.createdAt, req.locale, req.viewerTimeZone), lastError: $0.lastError)
            })
        return try await req.page("forum/outbox", context)
    }
}
