import Fluent
import Vapor

/// The forum's pages: boards, threads, posting, likes, reports and thread moderation.
struct ForumController: RouteCollection {
    let anonymousCache: AnonymousPageCache
    let memberCache: MemberPageCache

    /// Threads and replies may carry images: up to four of 10 MB each.
    static let postingBodyLimit: ByteCount = ByteCount(value: MultipartGuardMiddleware.maxBytes)

    func boot(routes: any RoutesBuilder) throws {
        let cached = routes.grouped(AnonymousPageCacheMiddleware(cache: anonymousCache))
        cached.get(.forum, use: index)
        cached.get(.board(.key), use: board)
        routes.grouped(ThreadViewMiddleware()).grouped(AnonymousPageCacheMiddleware(cache: anonymousCache)).get(.thread(.key), use: thread)
        routes.get(.post(.key), use: post)

        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.boardNewThread(.key), use: newThreadForm)
        members.on(.POST, SiteURL.boardNewThread(.key).pathComponents, body: .collect(maxSize: Self.postingBodyLimit), use: createThread)
        members.on(.POST, SiteURL.threadReply(.key).pathComponents, body: .collect(maxSize: Self.postingBodyLimit), use: reply)
        members.get(.postEdit(.key), use: editForm)
        members.post(.postEdit(.key), use: edit)
        members.post(.postDelete(.key), use: delete)
        members.post(.postLike(.key), use: like)
        members.post(.postReport(.key), use: report)
        members.post(.postModerate(.key), use: moderatePost)
        members.post(.threadModerate(.key), use: moderateThread)
    }

    func index(req: Request) async throws -> Response {
        try await req.page("forum/index", try await ForumIndexView.context(on: req))
    }

    func board(req: Request) async throws -> Response {
        let id = try req.idParameter()
        let render: @Sendable (Request) async throws -> Response = { req in
            try await req.page("forum/board", try await BoardView.context(on: req, boardID: id))
        }
        // A board page is the same for every member; its version names what it shows.
        guard memberCache.isOn, req.currentUser != nil, let version = try await ForumPageVersions.board(id, on: req.db) else {
            return try await render(req)
        }
        return try await memberCache.respond(to: req, key: "board \(id) v\(version)", holes: [:], render: render)
    }

    private struct ThreadQuery: Decodable {
        var page: Int?
        var quote: Int?
    }

    func thread(req: Request) async throws -> Response {
        let id = try req.idParameter()
        // Decoded once: each `req.query[_, at:]` decodes the whole query string again.
        let query = (try? req.query.decode(ThreadQuery.self)) ?? ThreadQuery()
        let page = max(1, query.page ?? 1)
        let render: @Sendable (Request) async throws -> Response = { req in
            try await req.page("forum/thread", try await ThreadView.context(on: req, threadID: id, page: page, quoteID: query.quote))
        }
        // Moderators' pages carry their tools and the edit history, and are rendered for them alone.
        guard memberCache.isOn, let viewer = req.currentUser, let viewerID = viewer.id,
            let view = try await ForumPageVersions.threadPage(id, page: page, viewer: viewerID, on: req.db),
            !ForumPolicy.canModerate(viewer, boardModerator: view.boardModerator)
        else { return try await render(req) }
        // Members see the same page but for their own posts (edit and delete instead of report)
        // and their likes (holes).
        let own = view.floors.filter { $0.authorID == viewerID }.map { String($0.postID) }.joined(separator: ",")
        var holes: [String: String] = [:]
        for floor in view.floors {
            ThreadView.LikeState.fill(&holes, post: floor.postID, count: floor.likeCount, liked: floor.liked)
        }
        return try await memberCache.respond(to: req, key: "thread \(id) v\(view.version) own \(own)", holes: holes, render: render)
    }

    /// `/forum/posts/:id` goes to the floor on its page.
    func post(req: Request) async throws -> Response {
        let forum = ForumService(req)
        let post = try await forum.post(try req.idParameter())
        _ = try await forum.thread(post.$thread.id)
        return req.redirect(to: ForumService.floorPath(post), redirectType: .normal)
    }

    // MARK: New threads and replies

    struct PostingForm: Content {
        var title: String?
        var body: String?
        var quote_post_id: Int?
        var images: [File]?
    }

    func newThreadForm(req: Request) async throws -> Response {
        let board = try await ForumService(req).board(try req.idParameter())
        return try await renderNewThread(req, board: board, form: PostingForm())
    }

    private func renderNewThread(_ req: Request, board: Board, form: PostingForm, error: FormError? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let context = NewThreadView.Context(
            layout: req.layout(title: req.t("forum.new_thread.title"), section: .forum), csrf: req.csrfTokenIfMember ?? "",
            boardName: board.name(req.locale), boardURL: SiteURL.board(.value(board.id ?? 0)).path,
            action: SiteURL.boardNewThread(.value(board.id ?? 0)).path, title: form.title ?? "", body: form.body ?? "",
            titleMax: req.application.config.forum.titleMax, bodyMax: req.application.config.forum.bodyMax, error: error)
        return try await req.page("forum/new_thread", context, status: status)
    }

    func createThread(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let forum = ForumService(req)
        let board = try await forum.board(try req.idParameter())
        var form = try req.decodeForm(PostingForm.self)
        do {
            form.body = try await Self.attachImages(form.images, to: form.body, on: req, by: user)
            let (thread, _) = try await forum.createThread(in: board.requireID(), by: user, title: form.title, body: form.body)
            return req.redirect(to: SiteURL.thread(.value(try thread.requireID())))
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderNewThread(req, board: board, form: form, error: formError, status: status)
        }
    }

    func reply(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let threadID = try req.idParameter()
        var form = try req.decodeForm(PostingForm.self)
        do {
            form.body = try await Self.attachImages(form.images, to: form.body, on: req, by: user)
            let post = try await ForumService(req).reply(to: threadID, by: user, body: form.body, quoting: form.quote_post_id)
            return req.redirect(to: SiteURL.post(.value(try post.requireID())))
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            var context = try await ThreadView.context(on: req, threadID: threadID, page: Int.max, replyBody: form.body ?? "", quoteID: form.quote_post_id)
            context.error = formError
            return try await req.page("forum/thread", context, status: status)
        }
    }

    /// Saves the images of a form and adds them to the end of the post, one per line.
    static func attachImages(_ files: [File]?, to body: String?, on req: Request, by user: User) async throws -> String? {
        let files = (files ?? []).filter { $0.data.readableBytes > 0 }
        guard !files.isEmpty else { return body }
        guard files.count <= 4 else {
            throw CoreError.invalidField(field: "images", messageKey: "forum.invalid.images", arguments: ["4"])
        }
        try ForumService(req).ensureMayPost(user)
        var lines: [String] = []
        for file in files {
            let upload = try await UploadStore(req).saveImage(file.data, by: user)
            lines.append("![\(Self.altText(file.filename))](\(upload.url))")
        }
        return [body ?? "", lines.joined(separator: "\n")].filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// The file's name without extension, reduced to what can't break Markdown.
    static func altText(_ filename: String) -> String {
        let base = (filename as NSString).deletingPathExtension
        let kept = base.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil || " -_".unicodeScalars.contains($0) }
        return String(String.UnicodeScalarView(kept).prefix(60))
    }

    // MARK: Editing and deleting

    struct EditForm: Content {
        var title: String?
        var body: String?
    }

    func editForm(req: Request) async throws -> Response {
        let forum = ForumService(req)
        let post = try await forum.post(try req.idParameter())
        let thread = try await forum.thread(post.$thread.id)
        guard ForumPolicy.canEdit(post, in: thread, by: req.currentUser) else { throw CoreError.forbidden }
        return try await renderEdit(req, post: post, thread: thread, form: EditForm(title: thread.title, body: post.body))
    }

    private func renderEdit(_ req: Request, post: Post, thread: ForumThread, form: EditForm, error: FormError? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let context = EditPostView.Context(
            layout: req.layout(title: req.t("forum.edit.title"), section: .forum), csrf: req.csrfTokenIfMember ?? "",
            action: SiteURL.postEdit(.value(post.id ?? 0)).path, threadTitle: thread.title, threadURL: SiteURL.post(.value(post.id ?? 0)).path,
            floor: post.floor, editsTitle: post.floor == 1, title: form.title ?? "", body: form.body ?? "",
            titleMax: req.application.config.forum.titleMax, bodyMax: req.application.config.forum.bodyMax, error: error)
        return try await req.page("forum/edit_post", context, status: status)
    }

    func edit(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let forum = ForumService(req)
        let postID = try req.idParameter()
        let form = try req.content.decode(EditForm.self)
        do {
            _ = try await forum.edit(postID, by: user, title: form.title, body: form.body)
            return req.redirect(to: SiteURL.post(.value(postID)))
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            let post = try await forum.post(postID)
            return try await renderEdit(req, post: post, thread: try await forum.thread(post.$thread.id), form: form, error: formError, status: status)
        }
    }

    func delete(req: Request) async throws -> Response {
        let postID = try req.idParameter()
        try await ForumService(req).deleteOwn(postID, by: try req.auth.require(User.self))
        return req.redirect(to: SiteURL.post(.value(postID)))
    }

    // MARK: Likes, reports, moderation

    struct LikeForm: Content {
        var action: String?
    }

    /// A form post (redirects back to the floor) or, from the page's script, JSON with the count.
    func like(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let postID = try req.idParameter()
        let forum = ForumService(req)
        let form = try req.content.decode(LikeForm.self)
        let result = form.action == "unlike" ? try await forum.unlike(postID, by: user) : try await forum.like(postID, by: user)
        if req.headers.accept.contains(where: { $0.mediaType == .json }) {
            return try await LikeDTO(post_id: postID, liked: result.liked, like_count: result.count).encodeResponse(for: req)
        }
        return req.redirect(to: SiteURL.post(.value(postID)))
    }

    struct ReasonForm: Content {
        var reason: String?
        var action: String?
        var board_id: Int?
    }

    func report(req: Request) async throws -> Response {
        let postID = try req.idParameter()
        let form = try req.content.decode(ReasonForm.self)
        do {
            _ = try await ModerationService(req).report(postID, by: try req.auth.require(User.self), reason: form.reason)
            return try await backToPost(req, postID, notice: "reported")
        } catch ForumError.alreadyReported {
            return try await backToPost(req, postID, notice: "reported")
        }
    }

    func moderatePost(req: Request) async throws -> Response {
        let postID = try req.idParameter()
        let form = try req.content.decode(ReasonForm.self)
        let action: ModerationService.PostAction = try ModerationService.choice(form.action)
        try await ModerationService(req).moderate(post: postID, action, by: try req.auth.require(User.self), reason: form.reason)
        return try await backToPost(req, postID, notice: "moderated")
    }

    func moderateThread(req: Request) async throws -> Response {
        let threadID = try req.idParameter()
        let form = try req.content.decode(ReasonForm.self)
        let action: ModerationService.ThreadAction = try ModerationService.choice(form.action)
        let thread = try await ModerationService(req).moderate(thread: threadID, action, by: try req.auth.require(User.self), reason: form.reason, toBoard: form.board_id)
        if action == .delete { return req.redirect(to: SiteURL.board(.value(thread.$board.id))) }
        return req.redirect(to: SiteURL.thread(.value(threadID)).path + "?notice=moderated", redirectType: .normal)
    }

    private func backToPost(_ req: Request, _ postID: Int, notice: String) async throws -> Response {
        let post = try await ForumService(req).post(postID)
        return req.redirect(to: ForumService.floorPath(post, notice: notice), redirectType: .normal)
    }
}

/// Counts a view of a thread page, including the ones served from the anonymous cache.
struct ThreadViewMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if response.status == .ok, let id = try? request.idParameter() { request.application.viewCounter.record(id) }
        return response
    }
}

enum NewThreadView {
    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let boardName: String
        let boardURL: String
        let action: String
        let title: String
        let body: String
        let titleMax: Int
        let bodyMax: Int
        let error: FormError?
    }
}

enum EditPostView {
    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let action: String
        let threadTitle: String
        let threadURL: String
        let floor: Int
        let editsTitle: Bool
        let title: String
        let body: String
        let titleMax: Int
        let bodyMax: Int
        let error: FormError?
    }
}
