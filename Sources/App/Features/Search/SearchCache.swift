import Vapor

/// The same search asked again within a few seconds gets the same results, computed once per
/// node, and never older than that (a member searching for what they just posted finds it once
/// the few seconds have passed); popular searches come in bursts (a new phone, a bug everyone
/// meets). Results hold only visible posts, so they are the same for every viewer.
/// `CANYU_LIST_CACHE_SECONDS` sets how old they may be; 0 turns this off. The API keeps results;
/// the search page keeps whole pages instead (`searchVisitorPages`, `searchMemberPages`), each
/// rendered from fresh results, so neither is older than that.
enum SearchCache {
    static func search(_ query: SearchService.Query, on req: Request) async throws -> SearchService.Results {
        let service = SearchService(req)
        return try await req.application.searchCache.value(for: query, now: req.now) { try await service.search(query) }
    }
}

extension SearchService {
    /// Results as they are now, for a page that is itself kept.
    init(_ req: Request) {
        self.init(db: req.application.db, frequencies: req.application.searchDocumentFrequencies, now: req.now)
    }
}

extension Application {
    private struct SearchCacheKey: StorageKey { typealias Value = RefreshingCache<SearchService.Query, SearchService.Results> }

    var searchCache: RefreshingCache<SearchService.Query, SearchService.Results> {
        stored(SearchCacheKey.self) { .init(lifetime: config.listCacheSeconds, servesStale: false) }
    }
}

extension Application {
    private struct SearchVisitorPagesKey: StorageKey { typealias Value = AnonymousPageCache }
    private struct SearchMemberPagesKey: StorageKey { typealias Value = MemberPageCache }

    /// Search pages as rendered, for visitors and as members' page shells, kept as long as the
    /// results (`CANYU_LIST_CACHE_SECONDS`). Apart from the other pages' caches: searches are
    /// many and each is asked for rarely, so in the shared caches (512 pages each) a stream of
    /// them would push out the board and thread pages that everyone reads.
    var searchVisitorPages: AnonymousPageCache {
        stored(SearchVisitorPagesKey.self) { AnonymousPageCache(lifetime: config.listCacheSeconds) }
    }

    var searchMemberPages: MemberPageCache {
        stored(SearchMemberPagesKey.self) { MemberPageCache(lifetime: config.listCacheSeconds) }
    }
}
