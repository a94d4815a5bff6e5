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
    }

    func pyramid(req: Request) async throws -> PyramidDTO {
        let service = PyramidService(req)
        let rules = try await service.rules()
        let total = try await User.query(on: req.db).count()
        var tiers: [PyramidTierDTO] = []
        var placed = 0
        for tier in Tier.allCases.reversed() where tier != .user {
            let count = try await service.members(in: tier)
            placed += count
            tiers.append(PyramidTierDTO(tier: tier.rawValue, name: req.t(tier.labelKey), count: count, quota: rules[tier]?.quota))
        }
        tiers.append(PyramidTierDTO(tier: Tier.user.rawValue, name: req.t(Tier.user.labelKey), count: total - placed, quota: nil))
        return PyramidDTO(tiers: tiers.reversed())
    }

    func leaderboard(req: Request) async throws -> LeaderboardDTO {
        guard let period = req.parameters.get("period").flatMap(Leaderboard.init(rawValue:)) else { throw CoreError.notFound }
        let entries = try await period.top(10, on: req.db, now: req.now, timeZone: req.application.config.timeZone)
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

    func decide(req: Request) async throws -> TierApplicationDTO {
        let body = try req.content.decode(DecisionRequest.self)
        let decided = try await PyramidService(req).decide(
            try req.idParameter(), approve: body.approve, note: body.note, reviewer: try req.auth.require(User.self))
        return try TierApplicationDTO(decided)
    }
}
