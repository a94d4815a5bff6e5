import Vapor

/// The public pyramid page; applying and quitting from "my standing"; the staff review queue.
struct PyramidController: RouteCollection {
    struct ApplyForm: Content { var statement: String? }
    struct DecisionForm: Content {
        var decision: String?
        var note: String?
    }

    let anonymousCache: AnonymousPageCache

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(AnonymousPageCacheMiddleware(cache: anonymousCache)).get(.pyramid, use: show)
        let members = routes.grouped(RequireMemberMiddleware())
        members.post(.standingApply, use: apply)
        members.post(.standingQuit, use: quit)
        members.get(.pyramidReview, use: review)
        members.post(.pyramidDecide(.key), use: decide)
        members.post(.profileCoreTeam(.key), use: invite)
    }

    func show(req: Request) async throws -> Response {
        try await req.page("standing/pyramid", try await PyramidShow.context(on: req, section: .pyramid))
    }

    func apply(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let form = try req.content.decode(ApplyForm.self)
        do {
            _ = try await PyramidService(req).apply(try user.requireID(), statement: form.statement)
            return req.redirect(to: SiteURL.standing.path + "?notice=applied")
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await StandingController.render(req, user: user, error: formError, status: status)
        }
    }

    func quit(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        try await PyramidService(req).quitWeeklyRing(try user.requireID())
        return req.redirect(to: SiteURL.standing.path + "?notice=quit")
    }

    func review(req: Request) async throws -> Response {
        guard PyramidPolicy.canSeeStaffQueue(req.currentUser) else { throw CoreError.forbidden }
        return try await req.page("standing/review", try await PyramidReviewShow.context(on: req))
    }

    func invite(req: Request) async throws -> Response {
        let id = try req.idParameter()
        try await PyramidService(req).inviteToCoreTeam(id, note: nil, by: try req.auth.require(User.self))
        return req.redirect(to: SiteURL.profile(.value(id)).path + "?notice=core_team_invited")
    }

    func decide(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let form = try req.content.decode(DecisionForm.self)
        let approve = form.decision == "approve"
        _ = try await PyramidService(req).decide(try req.idParameter(), approve: approve, note: form.note, reviewer: user)
        return req.redirect(to: SiteURL.pyramidReview.path + "?notice=" + (approve ? "approved" : "declined"))
    }
}
