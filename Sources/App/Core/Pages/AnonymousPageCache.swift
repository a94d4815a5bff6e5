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

    /// What a visitor's request should do with the cache.
    enum Plan: Sendable {
        /// Serve this page (fresh, or stale while another request renders the new one).
        case serve(Entry)
        /// Render it and then call `finish` with the page, or with nil if it can't be shared.
        case render
    }

    static let maxEntries = 512

    let lifetime: TimeInterval
    private let state = Mutex(State())

    private struct State {
        var entries: [String: Entry] = [:]
        /// Keys being rendered now, with the requests waiting for them (those with nothing stale).
        var rendering: [String: [CheckedContinuation<Entry?, Never>]] = [:]
    }

    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// One request renders a page; the others meanwhile get the stale copy, or, when there is
    /// none yet, wait for that one rendering instead of rendering the same page again.
    func plan(_ key: String, now: Date) async -> Plan {
        enum Step {
            case done(Plan)
            case wait
        }
        let step: Step = state.withLock { state in
            let entry = state.entries[key]
            if let entry, entry.expires > now { return .done(.serve(entry)) }
            if state.rendering[key] == nil {
                state.rendering[key] = []
                return .done(.render)
            }
            // Stale pages are kept for one more lifetime, to serve during a re-render.
            if let entry, entry.expires.addingTimeInterval(lifetime) > now { return .done(.serve(entry)) }
            return .wait
        }
        if case .done(let plan) = step { return plan }
        let rendered = await withCheckedContinuation { continuation in
            let queued = state.withLock { state -> Bool in
                guard state.rendering[key] != nil else { return false }
                state.rendering[key]?.append(continuation)
                return true
            }
            if !queued { continuation.resume(returning: lookup(key, now: now)) }
        }
        return rendered.map { .serve($0) } ?? .render
    }

    /// The rendering request hands over its page (nil if it can't be shared) and frees the waiters.
    func finish(_ key: String, body: ByteBuffer?, contentType: String?, now: Date) {
        let (entry, waiting): (Entry?, [CheckedContinuation<Entry?, Never>]) = state.withLock { state in
            var entry: Entry?
            if let body, let contentType {
                if state.entries.count >= Self.maxEntries {
                    state.entries = state.entries.filter { $0.value.expires.addingTimeInterval(lifetime) > now }
                    if state.entries.count >= Self.maxEntries { state.entries.removeAll(keepingCapacity: true) }
                }
                entry = Entry(expires: now.addingTimeInterval(lifetime), body: body, contentType: contentType)
                state.entries[key] = entry
            }
            return (entry, state.rendering.removeValue(forKey: key) ?? [])
        }
        // Waiters for a page that can't be shared render their own.
        for continuation in waiting { continuation.resume(returning: entry) }
    }

    func lookup(_ key: String, now: Date) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[key], entry.expires > now else { return nil }
            return entry
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
        if case .serve(let entry) = await cache.plan(key, now: now) {
            let response = Response(status: .ok, body: .init(buffer: entry.body))
            response.headers.replaceOrAdd(name: .contentType, value: entry.contentType)
            response.headers.replaceOrAdd(name: "X-Canyu-Cache", value: "hit")
            return response
        }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            cache.finish(key, body: nil, contentType: nil, now: now)
            throw error
        }
        // Only a plain page may be shared: not an error, a redirect, or one that started a session.
        let shareable = response.status == .ok && request.sessionCookieChange == nil && response.headers[.setCookie].isEmpty
        cache.finish(
            key, body: shareable ? response.body.buffer : nil, contentType: shareable ? response.headers.first(name: .contentType) : nil, now: now)
        return response
    }
}

extension Application {
    private struct AnonymousPageCacheKey: StorageKey { typealias Value = AnonymousPageCache }

    var anonymousPageCache: AnonymousPageCache {
        stored(AnonymousPageCacheKey.self) { AnonymousPageCache(lifetime: config.anonymousCacheSeconds) }
    }
}
