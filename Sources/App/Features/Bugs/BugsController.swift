import Fluent
import Vapor

/// Pages: the products' bug lists, filing a bug (with similar ones offered), a bug with "me
/// too", following and verification, the team's and triagers' forms, and the triage queue.
struct BugsController: RouteCollection {
    let anonymousCache: AnonymousPageCache

    func boot(routes: any RoutesBuilder) throws {
        let cached = routes.grouped(AnonymousPageCacheMiddleware(cache: anonymousCache))
        cached.get(.bugs, use: index)
        cached.get(.productBugs(":slug"), use: list)
        routes.get(.bug(.key), use: bug)
        routes.get(.bugAttachment(.key, .key), use: { try await BugViews.download($0) })

        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.productNewBug(":slug"), use: newForm)
        members.on(.POST, SiteURL.productNewBug(":slug").pathComponents, body: .collect(maxSize: ByteCount(value: BugReportForm.maxBytes)), use: file)
        members.get(.productBugTriage(":slug"), use: triageQueue)
        members.post(.productBugTriage(":slug"), use: bulk)
        members.post(.bugMeToo(.key), use: meToo)
        members.post(.bugFollow(.key), use: follow)
        members.post(.bugStatus(.key), use: setStatus)
        members.post(.bugTriage(.key), use: triage)
        members.post(.bugDuplicate(.key), use: duplicate)
        members.post(.bugVerify(.key), use: verify)
    }

    private func product(_ req: Request) async throws -> Product {
        try await IdeasService(req).product(slug: req.parameters.get("slug") ?? "")
    }

    func index(req: Request) async throws -> Response {
        let counts = try await BugsService(req).openCounts()
        let products = try await IdeasService(req).products()
        let context = BugViews.IndexContext(
            layout: req.layout(title: req.t("bugs.title"), section: .bugs),
            products: products.map {
                .init(product: IdeaViews.productLink($0, req.locale), bugsURL: SiteURL.productBugs($0.slug).path, open: counts[$0.id ?? 0] ?? 0)
            })
        return try await req.page("bugs/index", context)
    }

    func list(req: Request) async throws -> Response {
        try await renderList(req, triage: false)
    }

    func triageQueue(req: Request) async throws -> Response {
        try await renderList(req, triage: true)
    }

    private func renderList(_ req: Request, triage: Bool, error: FormError? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let product = try await product(req)
        let productID = try product.requireID()
        let mayTriage = try await BugsPolicy.canTriage(req.currentUser, product: productID, on: req.db)
        if triage, !mayTriage { throw CoreError.forbidden }
        var filter = try BugsService.Filter.parse(req)
        if triage, req.query[String.self, at: "status"] == nil { filter.openOnly = true }
        // The queue is read fresh: triagers act on what they see.
        let page = triage ? try await BugsService(req).list(product, filter) : try await BugListCache.list(product, filter, on: req)
        let modules = try await IdeasService(req).modules(of: productID)
        let base = (triage ? SiteURL.productBugTriage(product.slug) : SiteURL.productBugs(product.slug)).path
        let context = BugViews.ListContext(
            layout: req.layout(title: triage ? req.t("bugs.triage.title", product.name(req.locale)) : req.t("bugs.list.title", product.name(req.locale)), section: .bugs),
            csrf: req.csrfTokenIfMember, product: IdeaViews.productLink(product, req.locale), action: base,
            filters: BugViews.filters(filter, modules: modules, on: req),
            rows: page.bugs.map { BugViews.row($0, modules: page.modules, at: page.at, on: req) }, total: page.total,
            pager: Pager(page: page.page, pageCount: page.pageCount, url: { base + BugViews.query(filter, page: $0) }),
            newURL: req.currentUser == nil ? nil : SiteURL.productNewBug(product.slug).path,
            loginURL: req.currentUser == nil ? SiteURL.withNext(SiteURL.login.path, SiteURL.productNewBug(product.slug).path) : nil,
            triageURL: mayTriage && !triage ? SiteURL.productBugTriage(product.slug).path : nil,
            bulk: triage
                ? BugViews.Bulk(
                    action: base, modules: BugViews.moduleOptions(modules, selected: nil, none: req.t("ideas.no_module"), on: req),
                    severities: BugSeverity.allCases.map { .init(value: $0.rawValue, label: req.t($0.labelKey), selected: false) })
                : nil,
            error: error)
        return try await req.page(triage ? "bugs/triage" : "bugs/list", context, status: status)
    }

    func newForm(req: Request) async throws -> Response {
        try await renderNew(req, product: try await product(req), form: BugReportForm())
    }

    private func renderNew(_ req: Request, product: Product, form: BugReportForm, error: FormError? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let modules = try await IdeasService(req).modules(of: product.requireID())
        let context = BugViews.NewContext(
            layout: req.layout(title: req.t("bugs.new.title"), section: .bugs), csrf: req.csrfTokenIfMember ?? "",
            product: IdeaViews.productLink(product, req.locale), action: SiteURL.productNewBug(product.slug).path,
            similarURL: "/api/v1/products/\(product.slug)/bugs/similar",
            modules: BugViews.moduleOptions(modules, selected: form.module, none: req.t("ideas.no_module"), on: req),
            builds: try await BugViews.buildOptions(product, selected: try? BugReportForm.buildID(form.build), none: req.t("bugs.choose_build"), on: req),
            frequencies: BugFrequency.allCases.map { .init(value: $0.rawValue, label: req.t($0.labelKey), selected: $0.rawValue == (form.frequency ?? "sometimes")) },
            form: .init(title: form.title ?? "", deviceModel: form.device_model ?? "", steps: form.steps ?? "", expected: form.expected ?? "", actual: form.actual ?? ""),
            error: error)
        return try await req.page("bugs/new", context, status: status)
    }

    func file(req: Request) async throws -> Response {
        let product = try await product(req)
        var form = BugReportForm()
        do {
            form = try BugReportForm.decode(req)
            let bug = try await BugsService(req).file(in: product, try form.report(), by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.bug(.value(try bug.requireID())).path)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderNew(req, product: product, form: form, error: formError, status: status)
        }
    }

    func bug(req: Request) async throws -> Response {
        try await req.page("bugs/show", try await BugShow.context(on: req, id: try req.idParameter()))
    }

    struct ActionForm: Content {
        var action: String?
        var status: String?
        var note: String?
        var build: String?
        var device_model: String?
        var severity: String?
        var module: String?
        var of_id: String?
        var fixed: String?
        var bug_ids: [Int]?
    }

    /// Runs an action on the bug and comes back to its page; a refusal shows there, with its reason.
    private func act(_ req: Request, _ body: (Int, User, ActionForm) async throws -> Void) async throws -> Response {
        let id = try req.idParameter()
        let user = try req.auth.require(User.self)
        do {
            try await body(id, user, try req.content.decode(ActionForm.self))
            return req.redirect(to: SiteURL.bug(.value(id)).path)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await req.page("bugs/show", try await BugShow.context(on: req, id: id, error: formError.message), status: status)
        }
    }

    func meToo(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            let service = BugsService(req)
            if form.action == "withdraw" {
                _ = try await service.withdrawMeToo(id, by: user)
            } else {
                _ = try await service.meToo(id, build: try BugReportForm.buildID(form.build), device: form.device_model, by: user)
            }
        }
    }

    func follow(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            let service = BugsService(req)
            if form.action == "unfollow" { try await service.unfollow(id, by: try user.requireID()) } else { try await service.follow(id, by: try user.requireID()) }
        }
    }

    func setStatus(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            _ = try await BugsService(req).setStatus(id, to: try BugStatus.parse(form.status), note: form.note, build: try BugReportForm.buildID(form.build), by: user)
        }
    }

    func triage(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            try await BugsService(req).triage(id, severity: try BugSeverity.parseIfGiven(form.severity), moduleKey: form.module, by: user)
        }
    }

    func duplicate(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            let target = try form.of_id.map { raw -> Int in
                guard let value = Int(raw.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
                    throw CoreError.invalidField(field: "of_id", messageKey: "bugs.invalid.of_id")
                }
                return value
            }
            _ = try await BugsService(req).markDuplicate(id, of: target, note: form.note, by: user)
        }
    }

    func verify(req: Request) async throws -> Response {
        try await act(req) { id, user, form in
            _ = try await BugsService(req).verify(id, fixed: form.fixed != "no", build: try BugReportForm.buildID(form.build), by: user)
        }
    }

    /// The queue's bulk form; back to the queue, with the refusals counted.
    func bulk(req: Request) async throws -> Response {
        let product = try await product(req)
        let form = try req.content.decode(ActionForm.self)
        do {
            let action = try BugViews.bulkAction(form.action, severity: form.severity, module: form.module, of: form.of_id.flatMap { Int($0) })
            let refused = try await BugsService(req).bulk(form.bug_ids ?? [], action, in: product.requireID(), by: try req.auth.require(User.self))
            guard refused.isEmpty else {
                return try await renderList(req, triage: true, error: FormError(field: nil, message: req.t("bugs.bulk.refused", String(refused.count))), status: .conflict)
            }
            return req.redirect(to: SiteURL.productBugTriage(product.slug).path)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderList(req, triage: true, error: formError, status: status)
        }
    }
}
