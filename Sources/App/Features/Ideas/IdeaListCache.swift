import Vapor

/// Idea lists, a few seconds old at most: the hot list is what every visitor of a product opens,
/// and votes reorder it constantly, so each node computes each (product, filter, page) once per
/// `CANYU_LIST_CACHE_SECONDS` rather than once per request. Votes and statuses themselves are
/// never cached.
enum IdeaListCache {
    struct Key: Hashable, Sendable {
        let productID: Int
        let sort: IdeaRanking.Sort
        let status: IdeaStatus?
        let module: String?
        let page: Int
    }

    static func list(_ product: Product, _ filter: IdeasService.Filter, on req: Request) async throws -> IdeasService.IdeaPage {
        let key = Key(productID: try product.requireID(), sort: filter.sort, status: filter.status, module: filter.moduleKey, page: filter.page)
        let service = IdeasService(req.application)
        guard req.application.config.listCacheSeconds > 0 else { return try await service.list(product, filter) }
        return try await req.application.ideaListCache.value(for: key, now: req.now) { try await service.list(product, filter) }
    }
}

extension Application {
    private struct IdeaListCacheKey: StorageKey { typealias Value = RefreshingCache<IdeaListCache.Key, IdeasService.IdeaPage> }

    var ideaListCache: RefreshingCache<IdeaListCache.Key, IdeasService.IdeaPage> {
        if let cache = storage[IdeaListCacheKey.self] { return cache }
        let cache = RefreshingCache<IdeaListCache.Key, IdeasService.IdeaPage>(lifetime: config.listCacheSeconds)
        storage[IdeaListCacheKey.self] = cache
        return cache
    }
}
