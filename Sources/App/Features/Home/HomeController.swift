import Vapor

struct HomeController: RouteCollection {
    let anonymousCache: AnonymousPageCache

    func boot(routes: any RoutesBuilder) throws {
        // The home page a visitor sees is the same for all visitors in one language.
        routes.grouped(AnonymousPageCacheMiddleware(cache: anonymousCache)).get(.home, use: index)
    }

    func index(req: Request) async throws -> Response {
        async let count = AccountsService.memberCount(on: req.db)
        async let newest = AccountsService.newestMembers(limit: 8, on: req.db)
        async let setupDone = FirstRun.isComplete(req)
        let context = HomeIndex.Context(
            layout: req.layout(title: req.t("home.title"), section: .home),
            memberCount: try await count.formatted(.number.locale(req.locale.foundationLocale)),
            newestMembers: try await newest.map { user in
                let id = try user.requireID()
                return .init(name: user.name, url: SiteURL.profile(.value(id)).path, avatar: Avatar(name: user.name, id: id))
            },
            loop: (1...5).map { .init(title: req.t("home.loop.\($0).title"), text: req.t("home.loop.\($0).text")) },
            setupURL: try await setupDone ? nil : SiteURL.setup.path,
            isVisitor: req.currentUser == nil)
        return try await req.page("home/index", context)
    }
}
