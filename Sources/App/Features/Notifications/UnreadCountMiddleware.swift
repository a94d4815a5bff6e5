import Vapor

/// Loads a member's unread notification count for the page header (one indexed count).
struct UnreadCountMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, let userID = request.currentUser?.id {
            request.unreadNotifications = try await NotificationService(request).unreadCount(of: userID)
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct UnreadKey: StorageKey { typealias Value = Int }

    /// Set by `UnreadCountMiddleware` on member pages; 0 elsewhere.
    var unreadNotifications: Int {
        get { storage[UnreadKey.self] ?? 0 }
        set { storage[UnreadKey.self] = newValue }
    }
}
