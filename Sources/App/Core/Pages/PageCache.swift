import Foundation
import Synchronization
import Vapor

/// Rendered pages shared between requests for a few seconds, by key. One request renders a page
/// while the others with the same key wait for it or get the stale copy, so a popular page that
/// expires is not rendered by every request at once. Each node keeps its own cache.
/// Visitors' pages (`AnonymousPageCacheMiddleware`) and members' page shells (`MemberPageCache`)
/// each have one.
final class PageCache<Page: Sendable>: Sendable {
    struct Entry: Sendable {
        let expires: Date
        let page: Page
    }

    /// What a request should do with the cache.
    enum Plan: Sendable {
        /// Serve this page (fresh, or stale while another request renders the new one).
        case serve(Page)
        /// Render it and then call `finish` with the page, or with nil if it can't be shared.
        case render
    }

    static var maxEntries: Int { 512 }

    let lifetime: TimeInterval
    private let state = Mutex(State())

    private enum Step {
        case done(Plan)
        case wait
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Keys being rendered now, with the requests waiting for them (those with nothing stale).
        var rendering: [String: [CheckedContinuation<Page?, Never>]] = [:]
    }

    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// One request renders a page; the others meanwhile get the stale copy, or, when there is
    /// none yet, wait for that one rendering instead of rendering the same page again.
    func plan(_ key: String, now: Date) async -> Plan {
        let step: Step = state.withLock { state in
            let entry = state.entries[key]
            if let entry, entry.expires > now { return .done(.serve(entry.page)) }
            if state.rendering[key] == nil {
                state.rendering[key] = []
                return .done(.render)
            }
            // Stale pages are kept for one more lifetime, to serve during a re-render.
            if let entry, entry.expires.addingTimeInterval(lifetime) > now { return .done(.serve(entry.page)) }
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
    func finish(_ key: String, page: Page?, now: Date) {
        let waiting: [CheckedContinuation<Page?, Never>] = state.withLock { state in
            if let page {
                if state.entries.count >= Self.maxEntries {
                    state.entries = state.entries.filter { $0.value.expires.addingTimeInterval(lifetime) > now }
                    if state.entries.count >= Self.maxEntries { state.entries.removeAll(keepingCapacity: true) }
                }
                state.entries[key] = Entry(expires: now.addingTimeInterval(lifetime), page: page)
            }
            return state.rendering.removeValue(forKey: key) ?? []
        }
        // Waiters for a page that can't be shared render their own.
        for continuation in waiting { continuation.resume(returning: page) }
    }

    func lookup(_ key: String, now: Date) -> Page? {
        state.withLock { state in
            guard let entry = state.entries[key], entry.expires > now else { return nil }
            return entry.page
        }
    }

    /// Renders the page for `key` unless a fresh or stale copy can be served; `render` returns
    /// the page to share (nil when this one must not be) and what to answer this request with.
    func serve<Answer>(_ key: String, now: Date, render: () async throws -> (Page?, Answer), answer: (Page) throws -> Answer) async throws -> Answer {
        if case .serve(let page) = await plan(key, now: now) { return try answer(page) }
        let rendered: (Page?, Answer)
        do {
            rendered = try await render()
        } catch {
            finish(key, page: nil, now: now)
            throw error
        }
        finish(key, page: rendered.0, now: now)
        return rendered.1
    }
}

/// A visitor's page as sent.
struct AnonymousPage: Sendable {
    let body: ByteBuffer
    let contentType: String
}

typealias AnonymousPageCache = PageCache<AnonymousPage>

/// Serves cached pages to visitors; put it on routes whose visitor view has no personal parts.
struct AnonymousPageCacheMiddleware: AsyncMiddleware {
    let cache: AnonymousPageCache

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard cache.lifetime > 0, request.method == .GET, request.currentUser == nil else {
            return try await next.respond(to: request)
        }
        let key = request.locale.rawValue + " " + request.url.string
        return try await cache.serve(key, now: request.now) {
            let response = try await next.respond(to: request)
            // Only a plain page may be shared: not an error, a redirect, or one that started a session.
            let shareable = response.status == .ok && request.sessionCookieChange == nil && response.headers[.setCookie].isEmpty
            guard shareable, let body = response.body.buffer, let contentType = response.headers.first(name: .contentType) else {
                return (nil, response)
            }
            return (AnonymousPage(body: body, contentType: contentType), response)
        } answer: { page in
            let response = Response(status: .ok, body: .init(buffer: page.body))
            response.headers.replaceOrAdd(name: .contentType, value: page.contentType)
            response.headers.replaceOrAdd(name: "X-Canyu-Cache", value: "hit")
            return response
        }
    }
}

extension Application {
    private struct AnonymousPageCacheKey: StorageKey { typealias Value = AnonymousPageCache }

    var anonymousPageCache: AnonymousPageCache {
        stored(AnonymousPageCacheKey.self) { AnonymousPageCache(lifetime: config.anonymousCacheSeconds) }
    }
}
