import Fluent
import SQLKit
import Vapor

/// `Authorization: Bearer <token>` on the API: a personal access token, looked up by its hash.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    /// Writing "last used" on every call would turn reads into writes; once in five minutes is enough.
    static let lastUsedResolution: TimeInterval = 300

    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        // Every API call asks this: the token is one indexed SQL lookup, and only the member is
        // loaded as a model (Fluent's model decoding is the costly part of a request).
        guard bearer.token.count <= 128, let sql = request.db as? any SQLDatabase,
            let row = try await sql.raw("""
                SELECT id, user_id, last_used_at FROM user_tokens WHERE token_hash = \(bind: SecureToken.hash(bearer.token))
                """).first(),
            let user = try await User.find(try row.decode(column: "user_id", as: Int.self), on: request.db)
        else { return }
        let now = request.now
        // A banned member's tokens stop working with the ban (and work again after it).
        guard !user.isBanned(at: now) else { return }
        let lastUsed = try row.decode(column: "last_used_at", as: Date?.self)
        if now.timeIntervalSince(lastUsed ?? .distantPast) > Self.lastUsedResolution {
            let id = try row.decode(column: "id", as: Int.self)
            try await sql.raw("UPDATE user_tokens SET last_used_at = \(bind: now) WHERE id = \(bind: id)").run()
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
