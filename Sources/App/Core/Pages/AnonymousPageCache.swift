import Foundation
import Synchronization
import Vapor

/// Pages as a visitor without an account sees them are the same for every such visitor in one
/// language, so they are rendered once and served from memory for a few seconds (Discourse's
/// "anonymous cache"). Members always get a fresh page. Each node keeps its own cache.
final class AnonymousPageCache: Sendable {
    struct Entry: Sendable {
        let expires: Date
        let body: ByteBuffer
        let contentType: String
    }

    static let maxEntries = 512

    let lifetime: TimeInterval
    private let entries = Mutex<[String: Entry]>([:])

    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    func lookup(_ key: String, now: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.expires > now else { return nil }
            return entry
        }
    }

    func store(_ key: String, body: ByteBuffer, contentType: String, now: Date) {
        entries.withLock { entries in
            if entries.count >= Self.maxEntries {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= Self.maxEntries { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(expires: now.addingTimeInterval(lifetime), body: body, contentType: contentType)
        }
    }
}

/// Serves cached pages to visitors; put it on routes whose visitor view has no personal parts.
struct AnonymousPageCacheMiddleware: AsyncMiddleware {
    let cache: AnonymousPageCache

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard cache.lifetime > 0, request.method == .GET, request.currentUser == nil else {
            return try await next.respond(to: request)
        }
        let key = request.locale.rawValue + " " + request.url.string
        let now = request.now
        if let entry = cache.lookup(key, now: now) {
            let response = Response(status: .ok, body: .init(buffer: entry.body))
            response.headers.replaceOrAdd(name: .contentType, value: entry.contentType)
            response.headers.replaceOrAdd(name: "X-Canyu-Cache", value: "hit")
            return response
        }
        let response = try await next.respond(to: request)
        // Only a plain page may be shared: not an error, a redirect, or one that started a session.
        if response.status == .ok, request.sessionCookieChange == nil, response.headers[.setCookie].isEmpty,
            let body = response.body.buffer, let type = response.headers.first(name: .contentType)
        {
            cache.store(key, body: body, contentType: type, now: now)
        }
        return response
    }
}

extension Application {
    private struct AnonymousPageCacheKey: StorageKey { typealias Value = AnonymousPageCache }

    var anonymousPageCache: AnonymousPageCache {
        if let cache = storage[AnonymousPageCacheKey.self] { return cache }
        let cache = AnonymousPageCache(lifetime: config.anonymousCacheSeconds)
        storage[AnonymousPageCacheKey.self] = cache
        return cache
    }
}
