import Vapor

/// `/admin/standing`: the rules of credits, levels, tiers and medals, edited in place.
struct StandingAdminController: RouteCollection {
    /// Form fields arrive as text; an empty or unparsable number is nil and fails validation.
    struct Form: Content {
        var amount, cycle, interval_hours, max_per_cycle, enabled: String?
        var min_credits, name_zh, name_en, stars: String?
        var min_days_joined, min_days_active, min_contributions, contribution_window_days, quota: String?
        var vote_weight, f_code_quota, event_priority, closed_beta, weekly_builds, moderator_eligible, open_vote_budget, bug_triage: String?
        var description_zh, description_en, condition, threshold, valid_days: String?

        func int(_ value: String?) -> Int? { value.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        func flag(_ value: String?) -> Bool { value == "on" || value == "true" || value == "1" }
    }

    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.adminStanding, use: show)
        members.post(.adminStandingRule(.key), use: { try await save($0) { service, id, form in
            try await service.updateRule(id, .init(
                amount: form.int(form.amount), intervalHours: form.int(form.interval_hours), maxPerCycle: form.int(form.max_per_cycle),
                cycle: form.cycle, enabled: form.flag(form.enabled)))
        } })
        members.post(.adminStandingLevel(.key), use: { try await save($0) { service, id, form in
            try await service.updateLevel(id, .init(minCredits: form.int(form.min_credits), nameZh: form.name_zh, nameEn: form.name_en, stars: form.int(form.stars)))
        } })
        members.post(.adminStandingTier(.key), use: { try await save($0) { service, id, form in
            try await service.updateTier(id, .init(
                minCredits: form.int(form.min_credits), minDaysJoined: form.int(form.min_days_joined),
                minDaysActive: form.int(form.min_days_active), minContributions: form.int(form.min_contributions),
                contributionWindowDays: form.int(form.contribution_window_days), quota: form.int(form.quota),
                voteWeight: form.int(form.vote_weight), fCodeQuota: form.int(form.f_code_quota), eventPriority: form.int(form.event_priority),
                closedBeta: form.flag(form.closed_beta), weeklyBuilds: form.flag(form.weekly_builds), moderatorEligible: form.flag(form.moderator_eligible),
                openVoteBudget: form.int(form.open_vote_budget), bugTriage: form.flag(form.bug_triage)))
        } })
        members.post(.adminStandingMedal(.key), use: { try await save($0) { service, id, form in
            try await service.updateMedal(id, .init(
                nameZh: form.name_zh, nameEn: form.name_en, descriptionZh: form.description_zh, descriptionEn: form.description_en,
                condition: form.condition, threshold: form.int(form.threshold), validDays: form.int(form.valid_days), enabled: form.flag(form.enabled)))
        } })
    }

    func show(req: Request) async throws -> Response {
        guard StandingPolicy.canAdminister(req.currentUser) else { throw CoreError.forbidden }
        return try await req.page("standing/admin", try await StandingAdminShow.context(on: req))
    }

    private func save(_ req: Request, _ body: (StandingAdminService, Int, Form) async throws -> Void) async throws -> Response {
        let service = try StandingAdminService(req)
        let id = try req.idParameter()
        let form = try req.content.decode(Form.self)
        do {
            try await body(service, id, form)
            return req.redirect(to: SiteURL.adminStanding.path + "?notice=saved")
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            var context = try await StandingAdminShow.context(on: req)
            context.error = formError
            return try await req.page("standing/admin", context, status: status)
        }
    }
}
