import Fluent
import Vapor

/// A thread page: a page of floors, each with its author's standing, and the reply form.
enum ThreadView {
    struct Author: Encodable {
        let name: String
        let url: String
        let avatar: Avatar
        let level: String
        let stars: [Int]
        let medals: [AuthorBadge.MedalBadge]
    }

    struct Quote: Encodable {
        let floor: Int
        let url: String
        let author: String
        let excerpt: String
        let gone: Bool
    }

    struct Revision: Encodable {
        let editor: String
        let when: String
        let title: String?
        let body: String
    }

    /// A floor's like button as one member sees it. In a member page shell each part is a hole
    /// (`LikeState.holes`), filled from fresh counts and the member's own likes.
    struct LikeState: Encodable {
        /// What the button does: "like", or "unlike" when the member has liked the post.
        let action: String
        let pressed: String
        /// " liked" or nothing, appended to the button's class.
        let likedClass: String
        let count: String

        init(count: Int, liked: Bool) {
            action = liked ? "unlike" : "like"
            pressed = liked ? "true" : "false"
            likedClass = liked ? " liked" : ""
            self.count = String(count)
        }

        private init(hole: (String) -> String) {
            action = hole("action")
            pressed = hole("pressed")
            likedClass = hole("class")
            count = hole("count")
        }

        static func hole(_ part: String, post postID: Int) -> String { "like-\(part)-\(postID)" }

        static func holes(post postID: Int, marker: PageShell.Marker) -> LikeState {
            LikeState { marker.hole(hole($0, post: postID)) }
        }

        /// What fills a post's holes for one member.
        static func fill(_ holes: inout [String: String], post postID: Int, count: Int, liked: Bool) {
            let state = LikeState(count: count, liked: liked)
            holes[hole("action", post: postID)] = state.action
            holes[hole("pressed", post: postID)] = state.pressed
            holes[hole("class", post: postID)] = state.likedClass
            holes[hole("count", post: postID)] = state.count
        }
    }

    struct PostRow: Encodable {
        let id: Int
        let floor: Int
        let anchor: String
        let permalink: String
        let author: Author
        let when: String
        let whenISO: String
        /// Rendered Markdown; nil when the floor is deleted, or hidden and the viewer may not see it.
        let html: String?
        let state: String
        let stateReason: String?
        let edited: Bool
        let like: LikeState
        let likeURL: String
        let quoteURL: String?
        let editURL: String?
        let deleteURL: String?
        let reportURL: String?
        let moderateURL: String?
        let quote: Quote?
        let revisions: [Revision]
    }

    struct BoardOption: Encodable {
        let id: Int
        let name: String
    }

    struct Moderation: Encodable {
        let action: String
        let pinned: Bool
        let featured: Bool
        let locked: Bool
        let boards: [BoardOption]
    }

    struct ReplyForm: Encodable {
        let action: String
        let quote: Quote?
        let quotePostID: Int?
        let body: String
        let locked: Bool
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String?
        let notice: String?
        let title: String
        let boardName: String
        let boardURL: String
        let pinned: Bool
        let featured: Bool
        let locked: Bool
        let views: String
        let replies: String
        let posts: [PostRow]
        let pager: Pager
        let reply: ReplyForm?
        let loginURL: String?
        let moderation: Moderation?
        var error: FormError? = nil
    }

    static func context(on req: Request, threadID: Int, page requested: Int? = nil, replyBody: String = "", quoteID: Int? = nil) async throws -> Context {
        let locale = req.locale
        let zone = req.viewerTimeZone
        let forum = ForumService(req)
        let page = try await forum.posts(of: threadID, page: requested ?? req.query[Int.self, at: "page"] ?? 1)
        let thread = page.thread
        let viewer = req.currentUser
        let viewerID = viewer?.id
        let canModerate = try await ForumPolicy.canModerate(viewer, board: page.board.requireID(), on: req.db)
        let postIDs = page.posts.compactMap(\.id)
        var liked: Set<Int> = []
        let shellMarker = req.pageShellMarker
        if let viewerID, shellMarker == nil { liked = try await forum.liked(by: viewerID, among: postIDs) }
        let badges = try await forum.standing.badges(for: Set(page.posts.map { $0.$author.id }), locale: locale)
        let revisions = canModerate ? try await forum.revisions(of: page.posts.filter { $0.editedAt != nil }.compactMap(\.id)) : [:]
        let threadURL = SiteURL.thread(.value(threadID)).path
        let open = !thread.locked && !page.board.archived
        func quote(of id: Int?) -> Quote? {
            guard let id else { return nil }
            guard let quoted = page.quoted[id] else { return nil }
            let gone = quoted.state != .visible
            return Quote(
                floor: quoted.floor, url: SiteURL.post(.value(id)).path, author: page.authors[quoted.$author.id]?.name ?? "",
                excerpt: gone ? "" : String(quoted.body.prefix(200)), gone: gone)
        }
        let rows = page.posts.map { post -> PostRow in
            let id = post.id ?? 0
            let authorID = post.$author.id
            let user = page.authors[authorID]
            let badge = badges[authorID]
            let own = viewerID == authorID
            let visible = post.state == .visible
            let showBody = ForumPolicy.canRead(post, viewerID: viewerID, moderator: canModerate)
            return PostRow(
                id: id, floor: post.floor, anchor: "floor-\(post.floor)", permalink: ForumService.floorPath(post),
                author: Author(
                    name: user?.name ?? "", url: SiteURL.profile(.value(authorID)).path, avatar: Avatar(name: user?.name ?? "", id: authorID),
                    level: badge?.levelName ?? "", stars: Array(0..<(badge?.stars ?? 0)), medals: badge?.medals ?? []),
                when: DateDisplay.dateTime(post.createdAt, locale, zone), whenISO: DateDisplay.iso(post.createdAt),
                html: showBody ? post.bodyHTML : nil, state: post.state.rawValue,
                stateReason: (canModerate || own) ? post.stateReason : nil, edited: post.editedAt != nil,
                like: shellMarker.map { LikeState.holes(post: id, marker: $0) } ?? LikeState(count: post.likeCount, liked: liked.contains(id)),
                likeURL: SiteURL.postLike(.value(id)).path,
                quoteURL: viewer != nil && visible && open ? threadURL + "?page=\(page.pageCount)&quote=\(id)#reply" : nil,
                editURL: own && visible && !thread.locked ? SiteURL.postEdit(.value(id)).path : nil,
                deleteURL: own && visible && !thread.locked ? SiteURL.postDelete(.value(id)).path : nil,
                reportURL: viewer != nil && !own && visible ? SiteURL.postReport(.value(id)).path : nil,
                moderateURL: canModerate && post.state != .deleted ? SiteURL.postModerate(.value(id)).path : nil,
                quote: quote(of: post.$quotePost.id),
                revisions: (revisions[id] ?? []).map {
                    Revision(editor: $0.editor.name, when: DateDisplay.dateTime($0.createdAt, locale, zone), title: $0.title, body: $0.body)
                })
        }
        var moderation: Moderation?
        if canModerate {
            let groups = try await forum.boardGroups()
            moderation = Moderation(
                action: SiteURL.threadModerate(.value(threadID)).path, pinned: thread.pinned, featured: thread.featured, locked: thread.locked,
                boards: groups.flatMap(\.boards).filter { $0.id != page.board.id }.map { BoardOption(id: $0.id ?? 0, name: $0.name(locale)) })
        }
        var replyQuote: Quote?
        if let quoteID, let quoted = try await Post.find(quoteID, on: req.db), quoted.$thread.id == threadID, quoted.state == .visible {
            let author = try await User.find(quoted.$author.id, on: req.db)
            replyQuote = Quote(floor: quoted.floor, url: SiteURL.post(.value(quoteID)).path, author: author?.name ?? "", excerpt: String(quoted.body.prefix(200)), gone: false)
        }
        let views = thread.viewCount + req.application.viewCounter.unflushed(threadID)
        return Context(
            layout: req.layout(title: thread.title, section: .forum), csrf: req.csrfTokenIfMember,
            notice: req.query[String.self, at: "notice"].map { req.t("forum.notice.\($0)") }.flatMap { $0.hasPrefix("forum.notice.") ? nil : $0 },
            title: thread.title, boardName: page.board.name(locale), boardURL: SiteURL.board(.value(page.board.id ?? 0)).path,
            pinned: thread.pinned, featured: thread.featured, locked: thread.locked,
            views: ForumIndexView.number(views, locale), replies: ForumIndexView.number(thread.replyCount, locale),
            posts: rows, pager: Pager(page: page.page, pageCount: page.pageCount) { threadURL + "?page=\($0)" },
            reply: viewer == nil || (!open && !canModerate) ? nil
                : ReplyForm(
                    action: SiteURL.threadReply(.value(threadID)).path, quote: replyQuote, quotePostID: replyQuote == nil ? nil : quoteID,
                    body: replyBody, locked: thread.locked),
            loginURL: viewer == nil ? SiteURL.withNext(SiteURL.login.path, threadURL + "?page=\(page.page)") : nil,
            moderation: moderation)
    }
}
