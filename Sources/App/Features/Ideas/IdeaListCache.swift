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

    /// The API's list as JSON bytes, encoded once per lifetime: the list has nothing personal.
    static func json(_ product: Product, _ filter: IdeasService.Filter, on req: Request) async throws -> ByteBuffer {
        let encode: @Sendable (IdeasService.IdeaPage) throws -> ByteBuffer = { page in
            let dto = IdeaListDTO(
                items: page.ideas.map { IdeaDTO($0, author: page.authors[$0.$author.id], module: $0.$module.id.flatMap { page.modules[$0] }) },
                page: page.page, page_count: page.pageCount, total: page.total)
            // As the app's content encoder writes it (configure.swift).
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = .withoutEscapingSlashes
            return ByteBuffer(data: try encoder.encode(dto))
        }
        let key = Key(productID: try product.requireID(), sort: filter.sort, status: filter.status, module: filter.moduleKey, page: filter.page)
        let service = IdeasService(req.application)
        guard req.application.config.listCacheSeconds > 0 else { return try encode(try await service.list(product, filter)) }
        return try await req.application.ideaListJSONCache.value(for: key, now: req.now) { try encode(try await service.list(product, filter)) }
    }
}

extension Application {
    private struct IdeaListCacheKey: StorageKey { typealias Value = RefreshingCache<IdeaListCache.Key, IdeasService.IdeaPage> }
    private struct IdeaListJSONCacheKey: StorageKey { typealias Value = RefreshingCache<IdeaListCache.Key, ByteBuffer> }

    var ideaListJSONCache: RefreshingCache<IdeaListCache.Key, ByteBuffer> {
        if let cache = storage[IdeaListJSONCacheKey.self] { return cache }
        let cache = RefreshingCache<IdeaListCache.Key, ByteBuffer>(lifetime: config.listCacheSeconds)
        storage[IdeaListJSONCacheKey.self] = cache
        return cache
    }

    var ideaListCache: RefreshingCache<IdeaListCache.Key, IdeasService.IdeaPage> {
        if let cache = storage[IdeaListCacheKey.self] { return cache }
        let cache = RefreshingCache<IdeaListCache.Key, IdeasService.IdeaPage>(lifetime: config.listCacheSeconds)
        storage[IdeaListCacheKey.self] = cache
        return cache
    }
}
