import Vapor

/// `/api/v1`: medal definitions; staff grant and revoke.
struct APIMedalsController: RouteCollection {
    struct MedalDTO: Content {
        let key: String
        let name: String
        let description: String
        let condition: String
        let threshold: Int
        let valid_days: Int?
        let icon_url: String
    }

    struct GrantRequest: Content {
        let medal: String
        let reason: String
    }

    struct RevokeRequest: Content {
        let reason: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("medals", use: list)
        let authenticated = routes.grouped(RequireTokenMiddleware())
        authenticated.post("users", ":id", "medals", use: grant)
        authenticated.post("users", ":id", "medals", ":key", "revoke", use: revoke)
    }

    func list(req: Request) async throws -> [MedalDTO] {
        try await MedalService(req).all().filter(\.enabled).map {
            MedalDTO(
                key: $0.key, name: $0.name(req.locale), description: $0.description(req.locale), condition: $0.condition,
                threshold: $0.threshold, valid_days: $0.validDays, icon_url: $0.iconDataURL)
        }
    }

    func grant(req: Request) async throws -> HTTPStatus {
        let body = try req.content.decode(GrantRequest.self)
        try await MedalService(req).grantByHand(body.medal, to: try req.idParameter(), reason: body.reason, by: try req.auth.require(User.self))
        return .created
    }

    func revoke(req: Request) async throws -> HTTPStatus {
        let body = try req.content.decode(RevokeRequest.self)
        guard let key = req.parameters.get("key") else { throw CoreError.notFound }
        try await MedalService(req).revoke(key, from: try req.idParameter(), reason: body.reason, by: try req.auth.require(User.self))
        return .noContent
    }
}
