import Fluent
import Vapor

/// The forum's front page and board pages.
enum ForumIndexView {
    struct BoardRow: Encodable {
        let name: String
        let description: String
        let icon: String
        let url: String
        let threads: String
        let posts: String
        let archived: Bool
    }

    struct Group: Encodable {
        let name: String
        let boards: [BoardRow]
    }

    struct Context: Encodable {
        let layout: PageLayout
        let groups: [Group]
        let searchURL: String
        let reportsURL: String?
    }

    static func context(on req: Request) async throws -> Context {
        let locale = req.locale
        let groups = try await ForumService(req).boardGroups()
        let viewer = req.currentUser
        return Context(
            layout: req.layout(title: req.t("forum.title"), section: .forum),
            groups: groups.filter { !$0.boards.isEmpty }.map { group in
                Group(name: group.category.name(locale), boards: group.boards.map { row($0, locale: locale) })
            },
            searchURL: SiteURL.search.path,
            reportsURL: try await ForumPolicy.canSanction(viewer, on: req.db) ? SiteURL.forumReports.path : nil)
    }

    static func row(_ board: Board, locale: SupportedLocale) -> BoardRow {
        BoardRow(
            name: board.name(locale), description: board.description(locale), icon: board.icon,
            url: SiteURL.board(.value(board.id ?? 0)).path, threads: number(board.threadCount, locale),
            posts: number(board.postCount, locale), archived: board.archived)
    }

    static func number(_ value: Int, _ locale: SupportedLocale) -> String {
        value.formatted(.number.locale(locale.foundationLocale))
    }
}

enum BoardView {
    struct ThreadRow: Encodable {
        let title: String
        let url: String
        let author: String
        let authorURL: String
        let replies: String
        let views: String
        let lastPostAt: String
        let lastPostISO: String
        let lastPoster: String
        let pinned: Bool
        let featured: Bool
        let locked: Bool
    }

    struct Context: Encodable {
        let layout: PageLayout
        let boardName: String
        let description: String
        let icon: String
        let archived: Bool
        let forumURL: String
        let moderators: [String]
        let newThreadURL: String?
        let loginURL: String?
        let threads: [ThreadRow]
        let pager: Pager
    }

    static func context(on req: Request, boardID: Int) async throws -> Context {
        let locale = req.locale
        let zone = req.viewerTimeZone
        let forum = ForumService(req)
        let board = try await forum.board(boardID)
        let page = try await forum.threads(in: boardID, page: req.query[Int.self, at: "page"] ?? 1)
        let moderators = try await forum.moderators(of: boardID)
        let viewer = req.currentUser
        return Context(
            layout: req.layout(title: board.name(locale), section: .forum),
            boardName: board.name(locale), description: board.description(locale), icon: board.icon, archived: board.archived,
            forumURL: SiteURL.forum.path, moderators: moderators.map(\.name),
            newThreadURL: viewer != nil && !board.archived ? SiteURL.boardNewThread(.value(boardID)).path : nil,
            loginURL: viewer == nil ? SiteURL.withNext(SiteURL.login.path, SiteURL.board(.value(boardID)).path) : nil,
            threads: page.threads.map { thread in
                let author = page.authors[thread.$author.id]
                return ThreadRow(
                    title: thread.title, url: SiteURL.thread(.value(thread.id ?? 0)).path, author: author?.name ?? "",
                    authorURL: SiteURL.profile(.value(thread.$author.id)).path,
                    replies: ForumIndexView.number(thread.replyCount, locale), views: ForumIndexView.number(thread.viewCount, locale),
                    lastPostAt: DateDisplay.dateTime(thread.lastPostAt, locale, zone), lastPostISO: DateDisplay.iso(thread.lastPostAt),
                    lastPoster: thread.$lastPoster.id.flatMap { page.authors[$0]?.name } ?? "",
                    pinned: thread.pinned, featured: thread.featured, locked: thread.locked)
            },
            pager: Pager(page: page.page, pageCount: page.pageCount) { SiteURL.board(.value(boardID)).path + "?page=\($0)" })
    }
}
