import Fluent
import Vapor

/// `/api/v1`: boards, threads, posts, likes, moderation, reports, uploads and search.
struct APIForumController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("categories", use: categories)
        routes.get("boards", use: boards)
        routes.get("boards", ":id", "threads", use: threads)
        routes.get("threads", ":id", use: thread)
        routes.get("posts", ":id", use: post)
        routes.get("search", use: search)

        let members = routes.grouped(RequireTokenMiddleware())
        members.post("categories", use: createCategory)
        members.post("boards", use: createBoard)
        members.patch("boards", ":id", use: updateBoard)
        members.post("boards", ":id", "threads", use: createThread)
        members.post("threads", ":id", "posts", use: reply)
        members.put("posts", ":id", use: edit)
        members.delete("posts", ":id", use: delete)
        members.put("posts", ":id", "like", use: like)
        members.delete("posts", ":id", "like", use: unlike)
        members.post("posts", ":id", "reports", use: report)
        members.post("posts", ":id", "moderation", use: moderatePost)
        members.post("threads", ":id", "moderation", use: moderateThread)
        members.get("reports", use: reports)
        members.post("reports", ":id", "resolve", use: resolve)
        members.post("users", ":id", "sanctions", use: sanction)
        members.post("users", ":id", "sanctions", "lift", use: lift)
        members.get("moderation-log", use: log)
        members.on(.POST, "uploads", body: .collect(maxSize: ByteCount(value: UploadStore.maxBytes + 64 * 1024)), use: upload)
    }

    private func page(_ req: Request) -> Int { max(1, min(req.query[Int.self, at: "page"] ?? 1, 1_000_000)) }

    // MARK: Boards

    func categories(req: Request) async throws -> [CategoryDTO] {
        try await ForumService(req).boardGroups().map { CategoryDTO($0.category) }
    }

    func boards(req: Request) async throws -> [BoardDTO] {
        try await ForumService(req).boardGroups().flatMap(\.boards).map { BoardDTO($0, locale: req.locale) }
    }

    struct NewCategory: Content {
        var name: String?
        var name_zh: String?
        var name_en: String?
        var position: Int?
    }

    func createCategory(req: Request) async throws -> Response {
        let body = try req.content.decode(NewCategory.self)
        let category = try await BoardAdminService(req).createCategory(
            .init(name_zh: body.name_zh ?? body.name, name_en: body.name_en ?? body.name, position: body.position), by: try req.auth.require(User.self))
        return try await CategoryDTO(category).encodeResponse(status: .created, for: req)
    }

    struct NewBoard: Content {
        var name: String?
        var description: String?
        var category_id: Int?
        var name_zh: String?
        var name_en: String?
        var description_zh: String?
        var description_en: String?
        var icon: String?
        var position: Int?
        var archived: Bool?

        var input: BoardAdminService.BoardInput {
            .init(
                category_id: category_id, name_zh: name_zh ?? name, name_en: name_en ?? name,
                description_zh: description_zh ?? description, description_en: description_en ?? description,
                icon: icon, position: position, archived: archived)
        }
    }

    func createBoard(req: Request) async throws -> Response {
        let body = try req.content.decode(NewBoard.self)
        let board = try await BoardAdminService(req).createBoard(body.input, by: try req.auth.require(User.self))
        return try await BoardDTO(board, locale: req.locale).encodeResponse(status: .created, for: req)
    }

    func updateBoard(req: Request) async throws -> BoardDTO {
        let body = try req.content.decode(NewBoard.self)
        let board = try await BoardAdminService(req).updateBoard(try req.idParameter(), body.input, by: try req.auth.require(User.self))
        return BoardDTO(board, locale: req.locale)
    }

    // MARK: Threads and posts

    func threads(req: Request) async throws -> ThreadListDTO {
        let result = try await ForumService(req).threads(in: try req.idParameter(), page: page(req))
        return ThreadListDTO(
            items: result.threads.map { ThreadDTO($0, authors: result.authors) }, page: result.page, page_count: result.pageCount,
            total: result.total)
    }

    func thread(req: Request) async throws -> ThreadPageDTO {
        let id = try req.idParameter()
        let result = try await ForumService(req).posts(of: id, page: page(req))
        req.application.viewCounter.record(id)
        let moderator = try await ForumPolicy.canModerate(req.currentUser, board: result.board.requireID(), on: req.db)
        return ThreadPageDTO(
            thread: ThreadDTO(result.thread, authors: result.authors),
            posts: result.posts.map { PostDTO($0, authors: result.authors, readable: ForumPolicy.canRead($0, viewerID: req.currentUser?.id, moderator: moderator)) },
            page: result.page, page_count: result.pageCount)
    }

    func post(req: Request) async throws -> PostDTO {
        let forum = ForumService(req)
        let post = try await forum.post(try req.idParameter())
        let thread = try await forum.thread(post.$thread.id)
        let moderator = try await ForumPolicy.canModerate(req.currentUser, board: thread.$board.id, on: req.db)
        return PostDTO(post, authors: try await forum.users([post.$author.id]), readable: ForumPolicy.canRead(post, viewerID: req.currentUser?.id, moderator: moderator))
    }

    struct NewThread: Content {
        var title: String?
        var body: String?
    }

    func createThread(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let body = try req.content.decode(NewThread.self)
        let (thread, post) = try await ForumService(req).createThread(in: try req.idParameter(), by: user, title: body.title, body: body.body)
        let authors = [try user.requireID(): user]
        return try await CreatedThreadDTO(
            id: try thread.requireID(), board_id: thread.$board.id, title: thread.title, first_post: PostDTO(post, authors: authors),
            url: SiteURL.thread(.value(try thread.requireID())).path
        ).encodeResponse(status: .created, for: req)
    }

    struct NewPost: Content {
        var body: String?
        var quote_post_id: Int?
    }

    func reply(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let body = try req.content.decode(NewPost.self)
        let post = try await ForumService(req).reply(to: try req.idParameter(), by: user, body: body.body, quoting: body.quote_post_id)
        return try await PostDTO(post, authors: [try user.requireID(): user]).encodeResponse(status: .created, for: req)
    }

    struct Edit: Content {
        var body: String?
        var title: String?
    }

    func edit(req: Request) async throws -> PostDTO {
        let user = try req.auth.require(User.self)
        let body = try req.content.decode(Edit.self)
        let post = try await ForumService(req).edit(try req.idParameter(), by: user, title: body.title, body: body.body)
        return PostDTO(post, authors: [try user.requireID(): user])
    }

    func delete(req: Request) async throws -> HTTPStatus {
        try await ForumService(req).deleteOwn(try req.idParameter(), by: try req.auth.require(User.self))
        return .noContent
    }

    func like(req: Request) async throws -> LikeDTO {
        let id = try req.idParameter()
        let result = try await ForumService(req).like(id, by: try req.auth.require(User.self))
        return LikeDTO(post_id: id, liked: result.liked, like_count: result.count)
    }

    func unlike(req: Request) async throws -> LikeDTO {
        let id = try req.idParameter()
        let result = try await ForumService(req).unlike(id, by: try req.auth.require(User.self))
        return LikeDTO(post_id: id, liked: result.liked, like_count: result.count)
    }

    // MARK: Reports and moderation

    struct Reason: Content {
        var reason: String?
        var action: String?
        var board_id: Int?
    }

    func report(req: Request) async throws -> Response {
        let body = try req.content.decode(Reason.self)
        let user = try req.auth.require(User.self)
        let report = try await ModerationService(req).report(try req.idParameter(), by: user, reason: body.reason)
        return try await ReportDTO(
            id: try report.requireID(), post_id: report.$post.id, reporter: MemberRefDTO(id: try user.requireID(), name: user.name),
            reason: report.reason, status: report.status.rawValue, created_at: report.createdAt
        ).encodeResponse(status: .created, for: req)
    }

    func moderatePost(req: Request) async throws -> HTTPStatus {
        let body = try req.content.decode(Reason.self)
        let action: ModerationService.PostAction = try ModerationService.choice(body.action)
        try await ModerationService(req).moderate(post: try req.idParameter(), action, by: try req.auth.require(User.self), reason: body.reason)
        return .noContent
    }

    func moderateThread(req: Request) async throws -> ThreadDTO {
        let body = try req.content.decode(Reason.self)
        let action: ModerationService.ThreadAction = try ModerationService.choice(body.action)
        let thread = try await ModerationService(req).moderate(
            thread: try req.idParameter(), action, by: try req.auth.require(User.self), reason: body.reason, toBoard: body.board_id)
        return ThreadDTO(thread, authors: try await ForumService(req).users([thread.$author.id]))
    }

    func reports(req: Request) async throws -> [ReportDTO] {
        let user = try req.auth.require(User.self)
        guard try await ForumPolicy.canSanction(user, on: req.db) else { throw CoreError.forbidden }
        return try await ModerationService(req).openReports(for: user).map {
            ReportDTO(
                id: try $0.requireID(), post_id: $0.$post.id, reporter: MemberRefDTO(id: $0.$reporter.id, name: $0.reporter.name),
                reason: $0.reason, status: $0.status.rawValue, created_at: $0.createdAt)
        }
    }

    struct Resolution: Content {
        var outcome: String?
        var note: String?
    }

    func resolve(req: Request) async throws -> HTTPStatus {
        let body = try req.content.decode(Resolution.self)
        guard let outcome = body.outcome, ["resolved", "dismissed"].contains(outcome) else {
            throw CoreError.invalidField(field: "outcome", messageKey: "forum.invalid.action")
        }
        try await ModerationService(req).resolve(try req.idParameter(), by: try req.auth.require(User.self), dismiss: outcome == "dismissed", note: body.note)
        return .noContent
    }

    struct Sanction: Content {
        var kind: String?
        var hours: Int?
        var reason: String?
    }

    func sanction(req: Request) async throws -> Response {
        let body = try req.content.decode(Sanction.self)
        let kind: MemberSanction.Kind = try ModerationService.choice(body.kind, field: "kind")
        let sanction = try await ModerationService(req).sanction(
            try req.idParameter(), kind, hours: body.hours ?? 0, by: try req.auth.require(User.self), reason: body.reason)
        return try await SanctionDTO(
            id: try sanction.requireID(), user_id: sanction.$user.id, kind: sanction.kind.rawValue, reason: sanction.reason, until: sanction.until
        ).encodeResponse(status: .created, for: req)
    }

    func lift(req: Request) async throws -> HTTPStatus {
        let body = try req.content.decode(Sanction.self)
        let kind: MemberSanction.Kind = try ModerationService.choice(body.kind, field: "kind")
        try await ModerationService(req).lift(try req.idParameter(), kind, by: try req.auth.require(User.self), reason: body.reason)
        return .noContent
    }

    func log(req: Request) async throws -> [ModerationLogDTO] {
        guard ForumPolicy.canSeeAuditLog(req.currentUser) else { throw CoreError.forbidden }
        return try await ModerationService(req).log(page: page(req)).entries.map {
            ModerationLogDTO(
                id: try $0.requireID(), actor: MemberRefDTO(id: $0.$actor.id, name: $0.actor.name), action: $0.action, target: $0.target,
                subject_user_id: $0.$subjectUser.id, reason: $0.reason, before: $0.before, after: $0.after, created_at: $0.createdAt)
        }
    }

    // MARK: Uploads and search

    struct UploadForm: Content {
        var file: File?
    }

    /// `multipart/form-data` with a `file` part; answers with the Markdown that shows it.
    func upload(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        guard req.headers.contentType?.type == "multipart", let file = try req.decodeForm(UploadForm.self).file, file.data.readableBytes > 0 else {
            throw CoreError.invalidField(field: "file", messageKey: "forum.invalid.file")
        }
        try ForumService(req).ensureMayPost(user)
        let upload = try await UploadStore(req).saveImage(file.data, by: user)
        return try await UploadDTO(
            url: upload.url, markdown: "![\(ForumController.altText(file.filename))](\(upload.url))", content_type: upload.contentType,
            byte_size: upload.byteSize
        ).encodeResponse(status: .created, for: req)
    }

    func search(req: Request) async throws -> Response {
        let results = try await SearchCache.search(
            .init(
                text: req.query[String.self, at: "q"] ?? "", boardID: req.query[Int.self, at: "board_id"],
                authorID: req.query[Int.self, at: "author_id"], page: page(req)), on: req)
        return JSONBytes.response(SearchResultsDTO(results).json)
    }
}
