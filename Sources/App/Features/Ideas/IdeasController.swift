import Fluent
import Vapor

/// Pages: products, a product's ideas with sorts and filters, its roadmap, proposing an idea,
/// an idea with its votes and history, and the team's triage (status, merge).
struct IdeasController: RouteCollection {
    let anonymousCache: AnonymousPageCache

    func boot(routes: any RoutesBuilder) throws {
        // What visitors see of products, lists and roadmaps is the same for all of them.
        let cached = routes.grouped(AnonymousPageCacheMiddleware(cache: anonymousCache))
        cached.get(.products, use: products)
        cached.get(.product(":slug"), use: product)
        cached.get(.productRoadmap(":slug"), use: roadmap)
        routes.get(.idea(.key), use: idea)

        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.productNewIdea(":slug"), use: newIdeaForm)
        members.post(.productNewIdea(":slug"), use: propose)
        members.post(.ideaVote(.key), use: vote)
        members.post(.ideaFollow(.key), use: follow)
        members.post(.ideaStatus(.key), use: setStatus)
        members.post(.ideaMerge(.key), use: merge)
    }

    private func slug(_ req: Request) -> String { req.parameters.get("slug") ?? "" }

    func products(req: Request) async throws -> Response {
        let products = try await IdeasService(req).products()
        let context = IdeaViews.ProductsContext(
            layout: req.layout(title: req.t("ideas.products.title"), section: .ideas), products: products.map { IdeaViews.productLink($0, req.locale) },
            adminURL: IdeasPolicy.canManageProducts(req.currentUser) ? SiteURL.adminProducts.path : nil)
        return try await req.page("ideas/products", context)
    }

    func product(req: Request) async throws -> Response {
        let service = IdeasService(req)
        let product = try await service.product(slug: slug(req))
        let filter = try IdeasFilter.parse(req)
        let page = try await IdeaListCache.list(product, filter, on: req)
        let modules = try await service.modules(of: product.requireID())
        let base = SiteURL.product(product.slug).path
        func query(_ page: Int) -> String {
            var parts = ["sort=\(filter.sort.rawValue)", "page=\(page)"]
            if let status = filter.status { parts.append("status=\(status.rawValue)") }
            if let module = filter.moduleKey, !module.isEmpty { parts.append("module=\(module.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            return base + "?" + parts.joined(separator: "&")
        }
        let manage = try await ReleasesPolicy.canManage(req.currentUser, product: product.requireID(), on: req.db)
        let context = IdeaViews.ProductContext(
            layout: req.layout(title: product.name(req.locale), section: .ideas), csrf: req.csrfTokenIfMember, product: IdeaViews.productLink(product, req.locale),
            train: try await ReleaseViews.trainStrip(product, on: req, manage: manage),
            newIdeaURL: req.currentUser == nil ? nil : SiteURL.productNewIdea(product.slug).path,
            loginURL: req.currentUser == nil ? SiteURL.withNext(SiteURL.login.path, SiteURL.productNewIdea(product.slug).path) : nil,
            sorts: IdeaRanking.Sort.allCases.map { .init(value: $0.rawValue, label: req.t("ideas.sort.\($0.rawValue)"), selected: $0 == filter.sort) },
            statuses: [.init(value: "", label: req.t("ideas.all_statuses"), selected: filter.status == nil)]
                + IdeaStatus.allCases.map { .init(value: $0.rawValue, label: req.t($0.labelKey), selected: $0 == filter.status) },
            modules: [.init(value: "", label: req.t("ideas.all_modules"), selected: (filter.moduleKey ?? "").isEmpty)]
                + modules.map { .init(value: $0.key, label: $0.name(req.locale), selected: $0.key == filter.moduleKey) },
            sort: filter.sort.rawValue,
            rows: page.ideas.map { IdeaViews.row($0, author: page.authors[$0.$author.id], modules: page.modules, on: req) },
            total: page.total, pager: Pager(page: page.page, pageCount: page.pageCount, url: query))
        return try await req.page("ideas/product", context)
    }

    func roadmap(req: Request) async throws -> Response {
        let service = IdeasService(req)
        let product = try await service.product(slug: slug(req))
        let groups = try await service.roadmap(product, shippedSince: req.now.addingTimeInterval(-90 * 24 * 3600))
        let modules = Dictionary(try await service.modules(of: product.requireID()).map { ($0.id ?? 0, $0) }, uniquingKeysWith: { first, _ in first })
        let context = IdeaViews.RoadmapContext(
            layout: req.layout(title: req.t("ideas.roadmap.title", product.name(req.locale)), section: .ideas), product: IdeaViews.productLink(product, req.locale),
            columns: IdeaStatus.roadmap.map { status in
                IdeaViews.RoadmapColumn(
                    label: req.t(status.labelKey), status: status.rawValue,
                    rows: (groups[status] ?? []).prefix(50).map { IdeaViews.row($0, author: nil, modules: modules, on: req) })
            })
        return try await req.page("ideas/roadmap", context)
    }

    struct IdeaForm: Content {
        var title: String?
        var body: String?
        var module: String?
    }

    func newIdeaForm(req: Request) async throws -> Response {
        try await renderNewIdea(req, product: try await IdeasService(req).product(slug: slug(req)), form: IdeaForm())
    }

    private func renderNewIdea(_ req: Request, product: Product, form: IdeaForm, error: FormError? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let modules = try await IdeasService(req).modules(of: product.requireID())
        let context = IdeaViews.NewIdeaContext(
            layout: req.layout(title: req.t("ideas.new.title"), section: .ideas), csrf: req.csrfTokenIfMember ?? "",
            product: IdeaViews.productLink(product, req.locale), action: SiteURL.productNewIdea(product.slug).path,
            similarURL: "/api/v1/products/\(product.slug)/ideas/similar",
            modules: [.init(value: "", label: req.t("ideas.no_module"), selected: (form.module ?? "").isEmpty)]
                + modules.map { .init(value: $0.key, label: $0.name(req.locale), selected: $0.key == form.module) },
            title: form.title ?? "", body: form.body ?? "", error: error)
        return try await req.page("ideas/new", context, status: status)
    }

    func propose(req: Request) async throws -> Response {
        let service = IdeasService(req)
        let product = try await service.product(slug: slug(req))
        let form = try req.content.decode(IdeaForm.self)
        do {
            let idea = try await service.propose(in: product, moduleKey: form.module, title: form.title, body: form.body, by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.idea(.value(try idea.requireID())).path)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderNewIdea(req, product: product, form: form, error: formError, status: status)
        }
    }

    func idea(req: Request) async throws -> Response {
        try await req.page("ideas/show", try await IdeaViews.ideaContext(on: req, id: try req.idParameter()))
    }

    struct ActionForm: Content {
        var action: String?
        var status: String?
        var note: String?
        var into_id: Int?
    }

    /// Runs an action on the idea and comes back to its page; a refusal shows there, with its reason.
    private func act(_ req: Request, _ body: (Int, User, ActionForm) async throws -> Void) async throws -> Response {
        let id = try req.idParameter()
        let user = try req.auth.require(User.self)
        let form = try req.content.decode(ActionForm.self)
        do {
            try await body(id, user, form)
            return req.redirect(to: SiteURL.idea(.value(id)).path)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await req.page("ideas/show", try await IdeaViews.ideaContext(on: req, id: id, error: formError.message), status: status)
        }
    }

    func vote(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            let service = IdeasService(req)
            _ = form.action == "withdraw" ? try await service.withdrawVote(id, by: user) : try await service.vote(id, by: user)
        }
    }

    func follow(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            let service = IdeasService(req)
            _ = try await service.idea(id)
            if form.action == "unfollow" { try await service.unfollow(id, by: try user.requireID()) } else { try await service.follow(id, by: try user.requireID()) }
        }
    }

    func setStatus(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            _ = try await IdeasService(req).setStatus(id, to: try IdeaStatus.parse(form.status), note: form.note, by: user)
        }
    }

    func merge(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            _ = try await IdeasService(req).merge(id, into: form.into_id, note: form.note, by: user)
        }
    }
}
