import Fluent
import SQLKit
import Vapor

/// `Authorization: Bearer <token>` on the API: a personal access token, looked up by its hash.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    /// Writing "last used" on every call would turn reads into writes; once in five minutes is
    /// enough, and even then it is noted in memory and written in batches (`TokenUses`).
    static let lastUsedResolution: TimeInterval = 300

    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        // Every API call asks this, so it is one indexed query for the token and its member
        // together (each query is a thread hop on SQLite), decoded without Fluent's reflection
        // (see `User.output(from:)`).
        guard bearer.token.count <= 128, let sql = request.db as? any SQLDatabase,
            let row = try await SmallRead.run({ try await sql.raw("""
                SELECT t.id AS token_id, t.last_used_at AS token_last_used_at, u.*
                FROM user_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = \(bind: SecureToken.hash(bearer.token))
                """).first() })
        else { return }
        let user = try row.decode(fluentModel: User.self)
        let now = request.now
        // A banned member's tokens stop working with the ban (and work again after it).
        guard !user.isBanned(at: now) else { return }
        let lastUsed = try row.decode(column: "token_last_used_at", as: Date?.self)
        if now.timeIntervalSince(lastUsed ?? .distantPast) > Self.lastUsedResolution {
            request.application.tokenUses.record(try row.decode(column: "token_id", as: Int.self), at: now)
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
