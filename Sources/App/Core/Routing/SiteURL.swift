import Vapor

/// Every page address, used both to register routes and to build links, so the two cannot drift.
enum SiteURL: Equatable {
    enum ID: Equatable {
        case key
        case value(Int)
    }

    case home
    case register
    case login
    case logout
    case profile(ID)
    case settings
    case settingsProfile
    case settingsPassword
    case settingsTokens
    case settingsTokenRevoke(ID)
    case settingsLocale
    case chooseLocale(String)
    case setup
    case standing
    case standingCheckIn
    case standingApply
    case standingQuit
    case pyramid
    case pyramidReview
    case pyramidDecide(ID)
    case profileMedals(ID)
    case profileMedalRevoke(ID)
    case adminStanding
    case profileCoreTeam(ID)
    case adminStandingRule(ID)
    case adminStandingLevel(ID)
    case adminStandingTier(ID)
    case adminStandingMedal(ID)
    case forum
    case board(ID)
    case boardNewThread(ID)
    case thread(ID)
    case threadReply(ID)
    case threadModerate(ID)
    case post(ID)
    case postEdit(ID)
    case postDelete(ID)
    case postLike(ID)
    case postReport(ID)
    case postModerate(ID)
    case forumReports
    case forumReportResolve(ID)
    case search
    case notifications
    case notificationsRead
    case notificationsPreferences
    case profileSanctions(ID)
    case adminForum
    case adminForumCategories
    case adminForumCategory(ID)
    case adminForumBoards
    case adminForumBoard(ID)
    case adminForumBoardModerators(ID)
    case adminModerationLog
    case adminOutbox
    /// Products by slug; `":slug"` when registering the route.
    case products
    case product(String)
    case productRoadmap(String)
    case productNewIdea(String)
    case productSimilarIdeas(String)
    case idea(ID)
    case ideaVote(ID)
    case ideaStatus(ID)
    case ideaMerge(ID)
    case ideaFollow(ID)
    case adminProducts
    case adminProductTeam(ID)
    case productPolls(String)
    case productNewPoll(String)
    case poll(ID)
    case pollVote(ID)
    case pollClose(ID)
    case releases
    case releasesFeed
    case productReleases(String)
    case productReleasesFeed(String)
    case productNewRelease(String)
    case productWeeklyRing(String)
    case productTrain(String)
    case productCalendar(String)
    /// A team's page; the team's name goes in `?name=`.
    case productTeam(String)
    case release(ID)
    case releaseChanges(ID)
    case releasePromote(ID)
    case releaseRollout(ID)
    case releaseReport(ID)
    case releaseCloseReport(ID)
    case releaseResults(ID)
    /// The bug tracker: the products' bugs, one product's list, its triage queue.
    case bugs
    case productBugs(String)
    case productNewBug(String)
    case productBugTriage(String)
    case bug(ID)
    case bugMeToo(ID)
    case bugFollow(ID)
    case bugStatus(ID)
    case bugTriage(ID)
    case bugDuplicate(ID)
    case bugVerify(ID)
    case bugAttachment(ID, ID)
    case upload(String)
    case healthz
    case metrics
    case ping
    case stylesheet
    case script

    /// Where uploaded images are served; posts may only show images from here.
    static let uploadsPrefix = "/uploads/"

    var path: String {
        "/" + segments.joined(separator: "/")
    }

    var pathComponents: [PathComponent] {
        segments.map { PathComponent(stringLiteral: $0) }
    }

    private var segments: [String] {
        switch self {
        case .home: []
        case .register: ["register"]
        case .login: ["login"]
        case .logout: ["logout"]
        case .profile(let id): ["u", Self.segment(id)]
        case .settings: ["settings"]
        case .settingsProfile: ["settings", "profile"]
        case .settingsPassword: ["settings", "password"]
        case .settingsTokens: ["settings", "tokens"]
        case .settingsTokenRevoke(let id): ["settings", "tokens", Self.segment(id), "revoke"]
        case .settingsLocale: ["settings", "locale"]
        case .chooseLocale(let code): ["locale", code]
        case .setup: ["setup"]
        case .standing: ["standing"]
        case .standingCheckIn: ["standing", "check-in"]
        case .standingApply: ["standing", "apply"]
        case .standingQuit: ["standing", "quit"]
        case .pyramid: ["pyramid"]
        case .pyramidReview: ["pyramid", "review"]
        case .pyramidDecide(let id): ["pyramid", "applications", Self.segment(id), "decide"]
        case .profileMedals(let id): ["u", Self.segment(id), "medals"]
        case .profileMedalRevoke(let id): ["u", Self.segment(id), "medals", "revoke"]
        case .adminStanding: ["admin", "standing"]
        case .profileCoreTeam(let id): ["u", Self.segment(id), "core-team"]
        case .adminStandingRule(let id): ["admin", "standing", "rules", Self.segment(id)]
        case .adminStandingLevel(let id): ["admin", "standing", "levels", Self.segment(id)]
        case .adminStandingTier(let id): ["admin", "standing", "tiers", Self.segment(id)]
        case .adminStandingMedal(let id): ["admin", "standing", "medals", Self.segment(id)]
        case .forum: ["forum"]
        case .board(let id): ["forum", "boards", Self.segment(id)]
        case .boardNewThread(let id): ["forum", "boards", Self.segment(id), "new"]
        case .thread(let id): ["forum", "threads", Self.segment(id)]
        case .threadReply(let id): ["forum", "threads", Self.segment(id), "reply"]
        case .threadModerate(let id): ["forum", "threads", Self.segment(id), "moderate"]
        case .post(let id): ["forum", "posts", Self.segment(id)]
        case .postEdit(let id): ["forum", "posts", Self.segment(id), "edit"]
        case .postDelete(let id): ["forum", "posts", Self.segment(id), "delete"]
        case .postLike(let id): ["forum", "posts", Self.segment(id), "like"]
        case .postReport(let id): ["forum", "posts", Self.segment(id), "report"]
        case .postModerate(let id): ["forum", "posts", Self.segment(id), "moderate"]
        case .forumReports: ["forum", "reports"]
        case .forumReportResolve(let id): ["forum", "reports", Self.segment(id), "resolve"]
        case .search: ["search"]
        case .notifications: ["notifications"]
        case .notificationsRead: ["notifications", "read"]
        case .notificationsPreferences: ["notifications", "preferences"]
        case .profileSanctions(let id): ["u", Self.segment(id), "sanctions"]
        case .adminForum: ["admin", "forum"]
        case .adminForumCategories: ["admin", "forum", "categories"]
        case .adminForumCategory(let id): ["admin", "forum", "categories", Self.segment(id)]
        case .adminForumBoards: ["admin", "forum", "boards"]
        case .adminForumBoard(let id): ["admin", "forum", "boards", Self.segment(id)]
        case .adminForumBoardModerators(let id): ["admin", "forum", "boards", Self.segment(id), "moderators"]
        case .adminModerationLog: ["admin", "moderation-log"]
        case .adminOutbox: ["admin", "outbox"]
        case .products: ["products"]
        case .product(let slug): ["products", slug]
        case .productRoadmap(let slug): ["products", slug, "roadmap"]
        case .productNewIdea(let slug): ["products", slug, "ideas", "new"]
        case .productSimilarIdeas(let slug): ["products", slug, "ideas", "similar"]
        case .idea(let id): ["ideas", Self.segment(id)]
        case .ideaVote(let id): ["ideas", Self.segment(id), "vote"]
        case .ideaStatus(let id): ["ideas", Self.segment(id), "status"]
        case .ideaMerge(let id): ["ideas", Self.segment(id), "merge"]
        case .ideaFollow(let id): ["ideas", Self.segment(id), "follow"]
        case .adminProducts: ["admin", "products"]
        case .adminProductTeam(let id): ["admin", "products", Self.segment(id), "team"]
        case .productPolls(let slug): ["products", slug, "polls"]
        case .productNewPoll(let slug): ["products", slug, "polls", "new"]
        case .poll(let id): ["polls", Self.segment(id)]
        case .pollVote(let id): ["polls", Self.segment(id), "vote"]
        case .pollClose(let id): ["polls", Self.segment(id), "close"]
        case .releases: ["releases"]
        case .releasesFeed: ["releases.atom"]
        case .productReleases(let slug): ["products", slug, "releases"]
        case .productReleasesFeed(let slug): ["products", slug, "releases.atom"]
        case .productNewRelease(let slug): ["products", slug, "releases", "new"]
        case .productWeeklyRing(let slug): ["products", slug, "weekly-ring"]
        case .productTrain(let slug): ["products", slug, "train"]
        case .productCalendar(let slug): ["products", slug, "calendar"]
        case .productTeam(let slug): ["products", slug, "team"]
        case .release(let id): ["releases", Self.segment(id)]
        case .releaseChanges(let id): ["releases", Self.segment(id), "changes"]
        case .releasePromote(let id): ["releases", Self.segment(id), "promote"]
        case .releaseRollout(let id): ["releases", Self.segment(id), "rollout"]
        case .releaseReport(let id): ["releases", Self.segment(id), "report"]
        case .releaseCloseReport(let id): ["releases", Self.segment(id), "report", "close"]
        case .releaseResults(let id): ["releases", Self.segment(id), "results"]
        case .bugs: ["bugs"]
        case .productBugs(let slug): ["products", slug, "bugs"]
        case .productNewBug(let slug): ["products", slug, "bugs", "new"]
        case .productBugTriage(let slug): ["products", slug, "bugs", "triage"]
        case .bug(let id): ["bugs", Self.segment(id)]
        case .bugMeToo(let id): ["bugs", Self.segment(id), "me-too"]
        case .bugFollow(let id): ["bugs", Self.segment(id), "follow"]
        case .bugStatus(let id): ["bugs", Self.segment(id), "status"]
        case .bugTriage(let id): ["bugs", Self.segment(id), "triage"]
        case .bugDuplicate(let id): ["bugs", Self.segment(id), "duplicate"]
        case .bugVerify(let id): ["bugs", Self.segment(id), "verify"]
        case .bugAttachment(let id, let file): ["bugs", Self.segment(id), "files", file == .key ? ":file" : Self.segment(file)]
        case .upload(let name): ["uploads", name]
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        case .ping: ["ping"]
        case .stylesheet: ["css", "app.css"]
        case .script: ["js", "app.js"]
        }
    }

    private static func segment(_ id: ID) -> String {
        switch id {
        case .key: ":id"
        case .value(let value): String(value)
        }
    }

    /// `path?next=<target>`, the target encoded so it survives as one query value.
    static func withNext(_ path: String, _ next: String) -> String {
        path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    /// A `next=` target is followed only when it is a path on this site (no open redirects).
    static func safeNext(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.hasPrefix("/\\"), raw.count <= 512,
            !raw.contains(where: { $0.isNewline })
        else { return nil }
        return raw
    }
}

extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use closure: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.GET, url.pathComponents, use: closure)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use closure: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.POST, url.pathComponents, use: closure)
    }
}

extension Request {
    /// The integer id in the `:id` part of the path; a malformed one is simply not found.
    func idParameter() throws -> Int {
        guard let raw = parameters.get("id"), let id = Int(raw), id > 0 else { throw CoreError.notFound }
        return id
    }
}
