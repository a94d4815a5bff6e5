import Fluent
import Vapor

/// `/api/v1`: design polls of a product, voting with a reason, closing with a decision.
struct APIPollsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("products", ":slug", "polls", use: polls)
        routes.get("polls", ":id", use: poll)
        let members = routes.grouped(RequireTokenMiddleware())
        members.post("products", ":slug", "polls", use: create)
        members.post("polls", ":id", "votes", use: vote)
        members.post("polls", ":id", "close", use: close)
    }

    func polls(req: Request) async throws -> [PollDTO] {
        let product = try await IdeasService(req).product(slug: req.parameters.get("slug") ?? "")
        let service = DesignPollService(req)
        var result: [PollDTO] = []
        for poll in try await service.polls(of: product) {
            result.append(PollDTO(try await service.results(poll.requireID(), for: req.currentUser?.id, withReasons: false), now: req.now))
        }
        return result
    }

    func poll(req: Request) async throws -> PollDTO {
        PollDTO(try await DesignPollService(req).results(try req.idParameter(), for: req.currentUser?.id, withReasons: false), now: req.now)
    }

    struct NewOption: Content {
        var title: String?
        var description: String?
        var image_url: String?
    }

    struct NewPoll: Content {
        var question: String?
        var description: String?
        var options: [NewOption]?
        var opens_at: Date?
        var closes_at: Date?
        var tiers: [String]?
        var results_after_close: Bool?
        var half_finished: Bool?
        var idea_id: Int?
    }

    func create(req: Request) async throws -> Response {
        let body = try req.content.decode(NewPoll.self)
        let product = try await IdeasService(req).product(slug: req.parameters.get("slug") ?? "")
        let tiers = try (body.tiers ?? []).map { raw in
            guard let tier = Tier(rawValue: raw) else { throw CoreError.invalidField(field: "tiers", messageKey: "ideas.invalid.tiers") }
            return tier
        }
        let service = DesignPollService(req)
        let poll = try await service.create(
            in: product,
            .init(
                question: body.question, description: body.description,
                options: (body.options ?? []).prefix(7).map { .init(title: $0.title, description: $0.description, imageURL: $0.image_url) },
                opensAt: body.opens_at, closesAt: body.closes_at, tiers: tiers, resultsAfterClose: body.results_after_close ?? false,
                halfFinished: body.half_finished ?? false, ideaID: body.idea_id),
            by: try req.auth.require(User.self))
        return try await PollDTO(try await service.results(poll.requireID(), for: req.currentUser?.id, withReasons: false), now: req.now).encodeResponse(status: .created, for: req)
    }

    struct NewVote: Content {
        var option_id: Int?
        var reason: String?
    }

    func vote(req: Request) async throws -> Response {
        let body = try req.content.decode(NewVote.self)
        let user = try req.auth.require(User.self)
        let service = DesignPollService(req)
        let id = try req.idParameter()
        try await service.vote(id, option: body.option_id, reason: body.reason, by: user)
        return try await PollDTO(try await service.results(id, for: user.id, withReasons: false), now: req.now).encodeResponse(status: .created, for: req)
    }

    struct Close: Content {
        var decision: String?
        var option_id: Int?
    }

    func close(req: Request) async throws -> PollDTO {
        let body = try req.content.decode(Close.self)
        let service = DesignPollService(req)
        let poll = try await service.close(try req.idParameter(), decision: body.decision, option: body.option_id, by: try req.auth.require(User.self))
        return PollDTO(try await service.results(poll.requireID(), for: req.currentUser?.id, withReasons: false), now: req.now)
    }
}
