import Vapor

/// Every state-changing page request must carry its session's token, as the `_csrf` form field
/// or the `X-CSRF-Token` header (for small scripts). Without it: 403, and nothing changes.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        switch request.method {
        case .GET, .HEAD, .OPTIONS:
            return try await next.respond(to: request)
        default:
            let sent = request.headers.first(name: "X-CSRF-Token")
                ?? (try? request.content.get(String.self, at: Self.fieldName))
            guard let expected = request.activeSession?.csrfToken, let sent,
                SecureToken.constantTimeEquals(sent, expected)
            else {
                throw CoreError.csrfRejected
            }
            return try await next.respond(to: request)
        }
    }
}

/// Pages for members only: a visitor is sent to log in and brought back afterwards.
struct RequireMemberMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else {
            if request.method == .GET {
                return request.redirect(to: SiteURL.withNext(SiteURL.login.path, SiteURL.safeNext(request.url.string) ?? "/"))
            }
            throw CoreError.unauthorized
        }
        return try await next.respond(to: request)
    }
}
