import Fluent
import Vapor

/// `/search`: the forum's search page. Results are the same for everyone (visible posts only),
/// so a page is rendered once per search for visitors and once as a shell for members.
struct SearchController: RouteCollection {
    let visitorPages: AnonymousPageCache
    let memberPages: MemberPageCache

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(AnonymousPageCacheMiddleware(cache: visitorPages)).get(.search, use: show)
    }

    struct Hit: Encodable {
        let url: String
        let titleHTML: String
        let snippetHTML: String
        let floor: Int
        let author: String
        let authorURL: String
        let when: String
        let board: String
    }

    struct BoardOption: Encodable {
        let id: Int
        let name: String
        let selected: Bool
    }

    struct Context: Encodable {
        let layout: PageLayout
        let action: String
        let query: String
        let author: String
        let boards: [BoardOption]
        let searched: Bool
        let hits: [Hit]
        let summary: String
        let pager: Pager
        let error: FormError?
    }

    /// The form's fields as text, decoded once (each `req.query[_, at:]` decodes the whole query
    /// string again); a number that isn't one is left out, as before.
    private struct Form: Decodable {
        var q: String?
        var board_id: String?
        var author: String?
        var page: String?
    }

    func show(req: Request) async throws -> Response {
        guard memberPages.isOn, req.currentUser != nil else { return try await render(req) }
        return try await memberPages.respond(to: req, key: "search", holes: [:], render: render)
    }

    @Sendable private func render(_ req: Request) async throws -> Response {
        let locale = req.locale
        let zone = req.viewerTimeZone
        let form = (try? req.query.decode(Form.self)) ?? Form()
        let text = form.q ?? ""
        let boardID = form.board_id.flatMap { Int($0) }
        let authorName = (form.author ?? "").trimmingCharacters(in: .whitespaces)
        let boards = try await ForumService(req).boardChoices()
        var results: SearchService.Results?
        var formError: FormError?
        var status = HTTPStatus.ok
        if !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                var authorID: Int?
                if !authorName.isEmpty {
                    authorID = try await User.query(on: req.db).filter(\.$nameKey == AccountRules.nameKey(authorName)).first()?.id ?? -1
                }
                // Not from the results cache: the page itself is kept as long.
                results = try await SearchService(req).search(
                    .init(text: text, boardID: boardID, authorID: authorID, page: form.page.flatMap { Int($0) } ?? 1))
            } catch {
                (formError, status) = try FormError.from(error, on: req)
            }
        }
        let boardNames = Dictionary(uniqueKeysWithValues: boards.map { ($0.id, $0.name(locale)) })
        let hits = results?.hits ?? []
        let total = results?.total ?? 0
        func pageURL(_ page: Int) -> String {
            var items = [URLQueryItem(name: "q", value: text), URLQueryItem(name: "page", value: String(page))]
            if let boardID { items.append(URLQueryItem(name: "board_id", value: String(boardID))) }
            if !authorName.isEmpty { items.append(URLQueryItem(name: "author", value: authorName)) }
            var components = URLComponents()
            components.path = SiteURL.search.path
            components.queryItems = items
            return components.string ?? SiteURL.search.path
        }
        let pageCount = max(1, (total + SearchService.perPage - 1) / SearchService.perPage)
        let context = Context(
            layout: req.layout(title: req.t("search.title"), section: .forum), action: SiteURL.search.path, query: text, author: authorName,
            boards: boards.map { BoardOption(id: $0.id, name: $0.name(locale), selected: $0.id == boardID) },
            searched: results != nil,
            hits: hits.map { hit in
                Hit(
                    url: SiteURL.post(.value(hit.postID)).path, titleHTML: hit.titleHTML, snippetHTML: hit.snippetHTML, floor: hit.floor,
                    author: hit.authorName, authorURL: SiteURL.profile(.value(hit.authorID)).path,
                    when: DateDisplay.dateTime(hit.createdAt, locale, zone), board: boardNames[hit.boardID] ?? "")
            },
            summary: results.map { req.t($0.capped ? "search.summary_capped" : "search.summary", String($0.total)) } ?? "",
            pager: Pager(page: results?.page ?? 1, pageCount: pageCount, url: pageURL), error: formError)
        return try await req.page("forum/search", context, status: status)
    }
}
