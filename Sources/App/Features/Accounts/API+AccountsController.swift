import Vapor

/// `/api/v1`: sign up, personal access tokens, the token's owner, public profiles.
struct APIAccountsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("users", use: createUser)
        routes.get("users", ":id", use: showUser)
        routes.post("tokens", use: createToken)
        let authenticated = routes.grouped(RequireTokenMiddleware())
        authenticated.get("me", use: me)
        authenticated.get("tokens", use: listTokens)
        authenticated.delete("tokens", ":id", use: revokeToken)
    }

    func createUser(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateUserRequest.self)
        let user = try await AccountsService(req).register(
            .init(email: body.email, name: body.name, password: body.password), locale: req.locale)
        return try await MeDTO(user).encodeResponse(status: .created, for: req)
    }

    func showUser(req: Request) async throws -> PublicUserDTO {
        try PublicUserDTO(try await AccountsService.member(try req.idParameter(), on: req.db))
    }

    func createToken(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateTokenRequest.self)
        let (user, token, secret) = try await AccountsService(req).createToken(
            email: body.email, password: body.password, label: body.label, ip: req.clientIP)
        let dto = NewTokenDTO(id: try token.requireID(), token: secret, label: token.label, created_at: token.createdAt, user: try MeDTO(user))
        return try await dto.encodeResponse(status: .created, for: req)
    }

    func me(req: Request) async throws -> MeDTO {
        try MeDTO(try req.auth.require(User.self))
    }

    func listTokens(req: Request) async throws -> [TokenDTO] {
        try await AccountsService(req).tokens(of: try req.auth.require(User.self)).map(TokenDTO.init)
    }

    func revokeToken(req: Request) async throws -> HTTPStatus {
        try await AccountsService(req).revokeToken(try req.idParameter(), of: try req.auth.require(User.self))
        return .noContent
    }
}
