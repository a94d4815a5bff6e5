import Fluent
import Vapor

/// `Authorization: Bearer <token>` on the API: a personal access token, looked up by its hash.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    /// Writing "last used" on every call would turn reads into writes; once in five minutes is enough.
    static let lastUsedResolution: TimeInterval = 300

    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard bearer.token.count <= 128,
            let token = try await UserToken.query(on: request.db)
                .filter(\.$tokenHash == SecureToken.hash(bearer.token))
                .join(User.self, on: \UserToken.$user.$id == \User.$id)
                .first(),
            let user = try? token.joined(User.self)
        else { return }
        let now = request.now
        // A banned member's tokens stop working with the ban (and work again after it).
        guard !user.isBanned(at: now) else { return }
        if now.timeIntervalSince(token.lastUsedAt ?? .distantPast) > Self.lastUsedResolution {
            token.lastUsedAt = now
            try await token.update(on: request.db)
        }
        request.auth.login(user)
    }
}

/// API routes for token holders only: 401 `{"error": "unauthorized"}` otherwise.
struct RequireTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else { throw CoreError.unauthorized }
        return try await next.respond(to: request)
    }
}
