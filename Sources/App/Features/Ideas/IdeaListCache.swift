import Vapor

/// Idea lists, a few seconds old at most: the hot list is what every visitor of a product opens,
/// and votes reorder it constantly, so each node computes each (product, filter, page) once per
/// `CANYU_LIST_CACHE_SECONDS` rather than once per request. Votes and statuses themselves are
/// never cached.
enum IdeaListCache {
    struct Key: Hashable, Sendable {
        /// The product's slug, as stored (lower case).
        let product: String
        let sort: IdeaRanking.Sort
        let status: IdeaStatus?
        let module: String?
        let page: Int
    }

    static func list(_ product: Product, _ filter: IdeasService.Filter, on req: Request) async throws -> IdeasService.IdeaPage {
        let service = IdeasService(req.application)
        return try await req.application.ideaListCache.value(for: key(product, filter), now: req.now) { try await service.list(product, filter) }
    }

    /// The API's list as JSON bytes, encoded once per lifetime: the list has nothing personal.
    /// Keyed by the product's slug, so a cached list needs no database at all; the product is
    /// looked up when the list is computed (an unknown slug is a 404 then, and is not kept).
    static func json(slug: String, _ filter: IdeasService.Filter, on req: Request) async throws -> ByteBuffer {
        let service = IdeasService(req.application)
        return try await req.application.ideaListJSONCache.value(for: key(slug.lowercased(), filter), now: req.now) {
            try encode(try await service.list(try await service.product(slug: slug), filter))
        }
    }

    private static func key(_ product: Product, _ filter: IdeasService.Filter) -> Key {
        key(product.slug, filter)
    }

    private static func key(_ slug: String, _ filter: IdeasService.Filter) -> Key {
        Key(product: slug, sort: filter.sort, status: filter.status, module: filter.moduleKey, page: filter.page)
    }

    private static func encode(_ page: IdeasService.IdeaPage) throws -> ByteBuffer {
        let dto = IdeaListDTO(
            items: page.ideas.map { IdeaDTO($0, author: page.authors[$0.$author.id], module: $0.$module.id.flatMap { page.modules[$0] }) },
            page: page.page, page_count: page.pageCount, total: page.total)
        return try JSONBytes.encode(dto)
    }
}

extension Application {
    private struct IdeaListCacheKey: StorageKey { typealias Value = RefreshingCache<IdeaListCache.Key, IdeasService.IdeaPage> }
    private struct IdeaListJSONCacheKey: StorageKey { typealias Value = RefreshingCache<IdeaListCache.Key, ByteBuffer> }

    var ideaListCache: RefreshingCache<IdeaListCache.Key, IdeasService.IdeaPage> {
        stored(IdeaListCacheKey.self) { .init(lifetime: config.listCacheSeconds) }
    }

    var ideaListJSONCache: RefreshingCache<IdeaListCache.Key, ByteBuffer> {
        stored(IdeaListJSONCacheKey.self) { .init(lifetime: config.listCacheSeconds) }
    }
}
