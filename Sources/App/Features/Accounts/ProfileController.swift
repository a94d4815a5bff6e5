import Vapor

struct ProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.profile(.key), use: show)
    }

    func show(req: Request) async throws -> Response {
        let user = try await AccountsService.member(try req.idParameter(), on: req.db)
        return try await req.page("accounts/profile", try await ProfileShow.context(for: user, on: req))
    }
}
