import Vapor

/// "My standing" and the check-in button.
struct StandingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.standing, use: show)
        members.post(.standingCheckIn, use: checkIn)
    }

    func show(req: Request) async throws -> Response {
        try await Self.render(req, user: try req.auth.require(User.self))
    }

    static func render(_ req: Request, user: User, error: FormError? = nil, status: HTTPStatus = .ok) async throws -> Response {
        var context = try await StandingShow.context(on: req, user: user)
        context.error = error
        return try await req.page("standing/show", context, status: status)
    }

    func checkIn(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        do {
            _ = try await StandingService(req).checkIn(try user.requireID())
        } catch StandingError.alreadyCheckedIn {
            // A second click (or a second tab) is not an error worth a page: show the standing.
        }
        return req.redirect(to: SiteURL.standing.path + "?notice=checked_in")
    }
}
