import Vapor

/// The same search asked again within a few seconds gets the same results, computed once per
/// node, and never older than that (a member searching for what they just posted finds it once
/// the few seconds have passed) (popular searches come in bursts: a new phone, a bug everyone meets). Results hold only
/// visible posts, so they are the same for every viewer. `CANYU_LIST_CACHE_SECONDS` sets how old
/// they may be; 0 turns this off.
enum SearchCache {
    static func search(_ query: SearchService.Query, on req: Request) async throws -> SearchService.Results {
        let service = SearchService(db: req.application.db, frequencies: req.application.searchDocumentFrequencies, now: req.now)
        return try await req.application.searchCache.value(for: query, now: req.now) { try await service.search(query) }
    }
}

extension Application {
    private struct SearchCacheKey: StorageKey { typealias Value = RefreshingCache<SearchService.Query, SearchService.Results> }

    var searchCache: RefreshingCache<SearchService.Query, SearchService.Results> {
        stored(SearchCacheKey.self) { .init(lifetime: config.listCacheSeconds, servesStale: false) }
    }
}
