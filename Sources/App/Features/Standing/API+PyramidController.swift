import Vapor

/// `/api/v1`: the pyramid, leaderboards, honorary developer applications and their review.
struct APIPyramidController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("pyramid", use: pyramid)
        routes.get("leaderboards", ":period", use: leaderboard)
        let authenticated = routes.grouped(RequireTokenMiddleware())
        authenticated.post("me", "tier-applications", use: apply)
        authenticated.get("tier-applications", use: pending)
        authenticated.post("tier-applications", ":id", "decision", use: decide)
        authenticated.post("users", ":id", "core-team", use: invite)
    }

    func pyramid(req: Request) async throws -> PyramidDTO {
        let rules = try await PyramidService(req).rules()
        let counts = try await StandingCaches.pyramidCounts(on: req.application, now: req.now)
        return PyramidDTO(tiers: Tier.allCases.map {
            PyramidTierDTO(tier: $0.rawValue, name: req.t($0.labelKey), count: counts[$0] ?? 0, quota: $0 == .user ? nil : rules[$0]?.quota)
        })
    }

    func leaderboard(req: Request) async throws -> LeaderboardDTO {
        guard let period = req.parameters.get("period").flatMap(Leaderboard.init(rawValue:)) else { throw CoreError.notFound }
        let entries = try await StandingCaches.leaderboard(period, on: req.application, now: req.now)
        return LeaderboardDTO(
            period: period.rawValue,
            entries: entries.enumerated().map { .init(rank: $0.offset + 1, user_id: $0.element.user_id, name: $0.element.name, value: $0.element.value) })
    }

    func apply(req: Request) async throws -> Response {
        let body = try req.content.decode(ApplyRequest.self)
        let application = try await PyramidService(req).apply(try req.auth.require(User.self).requireID(), statement: body.statement)
        return try await TierApplicationDTO(application).encodeResponse(status: .created, for: req)
    }

    func pending(req: Request) async throws -> [TierApplicationDTO] {
        guard PyramidPolicy.canReviewApplications(try req.auth.require(User.self)) else { throw CoreError.forbidden }
        return try await PyramidService(req).pendingApplications().map(TierApplicationDTO.init)
    }

    struct InviteRequest: Content { let note: String? }

    func invite(req: Request) async throws -> HTTPStatus {
        let body = try? req.content.decode(InviteRequest.self)
        try await PyramidService(req).inviteToCoreTeam(try req.idParameter(), note: body?.note, by: try req.auth.require(User.self))
        return .noContent
    }

    func decide(req: Request) async throws -> TierApplicationDTO {
        let body = try req.content.decode(DecisionRequest.self)
        let decided = try await PyramidService(req).decide(
            try req.idParameter(), approve: body.approve, note: body.note, reviewer: try req.auth.require(User.self))
        return try TierApplicationDTO(decided)
    }
}
