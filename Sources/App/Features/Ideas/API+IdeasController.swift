import Fluent
import Vapor

/// `/api/v1`: products, their ideas, votes, statuses and merging.
struct APIIdeasController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("products", use: products)
        routes.get("products", ":slug", "ideas", use: ideas)
        routes.get("products", ":slug", "ideas", "similar", use: similar)
        routes.get("ideas", ":id", use: idea)

        let members = routes.grouped(RequireTokenMiddleware())
        members.post("products", use: createProduct)
        members.post("products", ":slug", "ideas", use: propose)
        members.put("ideas", ":id", "vote", use: vote)
        members.delete("ideas", ":id", "vote", use: withdraw)
        members.post("ideas", ":id", "status", use: setStatus)
        members.post("ideas", ":id", "merge", use: merge)
    }

    func products(req: Request) async throws -> [ProductDTO] {
        try await IdeasService(req).productsWithModules().map { ProductDTO($0.product, modules: $0.modules, locale: req.locale) }
    }

    struct NewModule: Content {
        var key: String?
        var name_zh: String?
        var name_en: String?
        var team: String?
    }

    struct NewProduct: Content {
        var slug: String?
        var name_zh: String?
        var name_en: String?
        var description_zh: String?
        var description_en: String?
        var icon: String?
        var modules: [NewModule]?
    }

    func createProduct(req: Request) async throws -> Response {
        let body = try req.content.decode(NewProduct.self)
        let service = IdeasService(req)
        let product = try await service.createProduct(
            .init(
                slug: body.slug, nameZh: body.name_zh, nameEn: body.name_en, descriptionZh: body.description_zh, descriptionEn: body.description_en,
                icon: body.icon, modules: (body.modules ?? []).map { .init(key: $0.key, nameZh: $0.name_zh, nameEn: $0.name_en, team: $0.team) }),
            by: try req.auth.require(User.self))
        return try await ProductDTO(product, modules: try await service.modules(of: product.requireID()), locale: req.locale)
            .encodeResponse(status: .created, for: req)
    }

    func ideas(req: Request) async throws -> Response {
        JSONBytes.response(try await IdeaListCache.json(slug: req.parameters.get("slug") ?? "", try IdeasFilter.parse(req), on: req))
    }

    func similar(req: Request) async throws -> [IdeaDTO] {
        let service = IdeasService(req)
        let product = try await service.product(slug: req.parameters.get("slug") ?? "")
        let title = String((req.query[String.self, at: "title"] ?? "").prefix(200))
        return try await service.similar(in: product.requireID(), to: title).map { IdeaDTO($0, author: nil, module: nil) }
    }

    func idea(req: Request) async throws -> IdeaDetailDTO {
        let service = IdeasService(req)
        let idea = try await service.idea(try req.idParameter())
        let author = try await User.find(idea.$author.id, on: req.db)
        let module = try await idea.$module.get(on: req.db)
        var voted: Bool?
        if let viewer = req.currentUser { voted = try await service.state(of: idea.requireID(), for: viewer.requireID()).voted }
        let history = try await service.history(of: idea.requireID()).map {
            IdeaStatusChangeDTO(from: $0.from.rawValue, to: $0.to.rawValue, note: $0.note, by: IdeaAuthorDTO(id: $0.$actor.id, name: $0.actor.name), at: $0.createdAt)
        }
        return IdeaDetailDTO(idea: IdeaDTO(idea, author: author, module: module, voted: voted), history: history)
    }

    struct NewIdea: Content {
        var title: String?
        var body: String?
        var module: String?
    }

    func propose(req: Request) async throws -> Response {
        let body = try req.content.decode(NewIdea.self)
        let service = IdeasService(req)
        let user = try req.auth.require(User.self)
        let product = try await service.product(slug: req.parameters.get("slug") ?? "")
        let idea = try await service.propose(in: product, moduleKey: body.module, title: body.title, body: body.body, by: user)
        return try await IdeaDTO(idea, author: user, module: try await idea.$module.get(on: req.db)).encodeResponse(status: .created, for: req)
    }

    func vote(req: Request) async throws -> VoteDTO {
        let state = try await IdeasService(req).vote(try req.idParameter(), by: try req.auth.require(User.self))
        return VoteDTO(voted: state.voted, votes: state.voteCount, weighted_score: state.weightedScore)
    }

    func withdraw(req: Request) async throws -> VoteDTO {
        let state = try await IdeasService(req).withdrawVote(try req.idParameter(), by: try req.auth.require(User.self))
        return VoteDTO(voted: state.voted, votes: state.voteCount, weighted_score: state.weightedScore)
    }

    struct StatusChange: Content {
        var status: String?
        var note: String?
    }

    func setStatus(req: Request) async throws -> IdeaDTO {
        let body = try req.content.decode(StatusChange.self)
        let idea = try await IdeasService(req).setStatus(
            try req.idParameter(), to: try IdeaStatus.parse(body.status), note: body.note, by: try req.auth.require(User.self))
        return IdeaDTO(idea, author: nil, module: nil)
    }

    struct Merge: Content {
        var into_id: Int?
        var note: String?
    }

    func merge(req: Request) async throws -> IdeaDTO {
        let body = try req.content.decode(Merge.self)
        let idea = try await IdeasService(req).merge(try req.idParameter(), into: body.into_id, note: body.note, by: try req.auth.require(User.self))
        return IdeaDTO(idea, author: nil, module: nil)
    }
}

/// The list filters, from the query string of a page or an API call.
enum IdeasFilter {
    static func parse(_ req: Request) throws -> IdeasService.Filter {
        var filter = IdeasService.Filter()
        if let raw = req.query[String.self, at: "sort"], !raw.isEmpty {
            guard let sort = IdeaRanking.Sort(rawValue: raw) else { throw CoreError.invalidField(field: "sort", messageKey: "ideas.invalid.sort") }
            filter.sort = sort
        }
        if let raw = req.query[String.self, at: "status"], !raw.isEmpty { filter.status = try IdeaStatus.parse(raw) }
        filter.moduleKey = req.query[String.self, at: "module"].map { String($0.prefix(40)) }
        filter.page = max(1, min(req.query[Int.self, at: "page"] ?? 1, 1_000_000))
        return filter
    }
}
