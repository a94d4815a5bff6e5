import Vapor

/// `/api/v1`: check-in, a member's standing, the caller's ledger.
struct APIStandingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":id", "standing", use: standing)
        let authenticated = routes.grouped(RequireTokenMiddleware())
        authenticated.post("me", "check-in", use: checkIn)
        authenticated.get("me", "ledger", use: ledger)
        authenticated.post("users", ":id", "credits", use: adjust)
    }

    func checkIn(req: Request) async throws -> Response {
        let result = try await StandingService(req).checkIn(try req.auth.require(User.self).requireID())
        return try await CheckInDTO(
            streak: result.streak, longest_streak: result.longestStreak, credits_awarded: result.creditsAwarded,
            balance: result.balance
        ).encodeResponse(status: .created, for: req)
    }

    func standing(req: Request) async throws -> StandingDTO {
        let user = try await AccountsService.member(try req.idParameter(), on: req.db)
        let userID = try user.requireID()
        let summary = try await StandingService(req).summary(of: userID)
        let locale = req.locale
        let level = summary.progress.level
        let pyramid = PyramidService(req)
        let tier = try await pyramid.tier(of: userID)
        var nextTier: NextTierDTO?
        if let next = tier.next, let rule = try await pyramid.rules()[next] {
            let conditions = next.entry == .invitation ? [] : try await pyramid.conditions(of: userID, toward: rule)
            nextTier = NextTierDTO(
                tier: next.rawValue, by: "\(next.entry)",
                conditions: conditions.map { .init(name: $0.key, current: $0.current, required: $0.required, met: $0.met) })
        }
        return StandingDTO(
            user_id: userID, credits: summary.credits,
            level: LevelDTO(name: level.name(locale), stars: level.stars, min_credits: level.minCredits),
            next_level: summary.progress.next.map {
                .init(name: $0.name(locale), min_credits: $0.minCredits, credits_needed: summary.progress.creditsToNext ?? 0)
            },
            streak: summary.streak, longest_streak: summary.longestStreak, checked_in_today: summary.checkedInToday,
            tier: tier.rawValue, privileges: PrivilegesDTO(try await pyramid.privileges(of: userID)), next_tier: nextTier,
            medals: try await MedalService(req).held(by: userID).map {
                HeldMedalDTO(key: $0.0.key, name: $0.0.name(locale), awarded_at: $0.1.awardedAt, expires_at: $0.1.expiresAt)
            })
    }

    struct AdjustRequest: Content {
        let amount: Int
        let reason: String
        let idempotency_key: String
    }

    struct AdjustResponse: Content {
        let applied: Bool
        let amount: Int
    }

    /// Staff adjust a member's credits by hand; a retried request (same key) applies once.
    func adjust(req: Request) async throws -> Response {
        let body = try req.content.decode(AdjustRequest.self)
        let applied = try await StandingService(req).adjustByHand(
            try req.idParameter(), by: body.amount, reason: body.reason, key: body.idempotency_key, staff: try req.auth.require(User.self))
        return try await AdjustResponse(applied: applied, amount: body.amount).encodeResponse(status: applied ? .created : .ok, for: req)
    }

    func ledger(req: Request) async throws -> LedgerPageDTO {
        let page = max(1, min(req.query[Int.self, at: "page"] ?? 1, 1_000_000))
        let result = try await StandingService(req).ledgerPage(
            of: try req.auth.require(User.self).requireID(), rule: req.query[String.self, at: "rule"], page: page)
        return LedgerPageDTO(
            items: try result.entries.map {
                LedgerEntryDTO(
                    id: try $0.requireID(), amount: $0.amount, currency: $0.currency, rule: $0.rule, reason: $0.reason,
                    source: $0.source, created_at: $0.createdAt)
            },
            page: result.page, per_page: result.perPage, total: result.total)
    }
}
