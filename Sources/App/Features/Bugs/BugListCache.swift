import Vapor

/// Bug lists, a few seconds old at most (`CANYU_LIST_CACHE_SECONDS`): every "me too" reorders
/// the heat list, and lists are what most visitors open, so each node computes each (product,
/// filter) once per lifetime rather than once per request. A bug's own page is never cached.
enum BugListCache {
    struct Key: Hashable, Sendable {
        /// The product's slug, as stored (lower case).
        let product: String
        let filter: BugsService.Filter
    }

    static func list(_ product: Product, _ filter: BugsService.Filter, on req: Request) async throws -> BugsService.BugPage {
        let service = BugsService(req.application)
        return try await req.application.bugListCache.value(for: Key(product: product.slug, filter: filter), now: req.now) {
            try await service.list(product, filter)
        }
    }

    /// The API's list as JSON bytes, encoded once per lifetime (it has nothing personal). An
    /// unknown product is a 404 when the list is computed, and is not kept.
    static func json(slug: String, _ filter: BugsService.Filter, on req: Request) async throws -> ByteBuffer {
        let service = BugsService(req.application)
        return try await req.application.bugListJSONCache.value(for: Key(product: slug.lowercased(), filter: filter), now: req.now) {
            let page = try await service.list(productID: try await BugsService.productID(slug: slug, on: service.sql), filter)
            return BugListDTO.json(
                page.bugs.map { BugDTO($0, module: $0.moduleID.flatMap { page.modules[$0] }, now: page.at) }, page: page.page,
                pageCount: page.pageCount, total: page.total)
        }
    }
}

extension Application {
    private struct BugListCacheKey: StorageKey { typealias Value = RefreshingCache<BugListCache.Key, BugsService.BugPage> }
    private struct BugListJSONCacheKey: StorageKey { typealias Value = RefreshingCache<BugListCache.Key, ByteBuffer> }

    var bugListCache: RefreshingCache<BugListCache.Key, BugsService.BugPage> {
        stored(BugListCacheKey.self) { .init(lifetime: config.listCacheSeconds) }
    }

    var bugListJSONCache: RefreshingCache<BugListCache.Key, ByteBuffer> {
        stored(BugListJSONCacheKey.self) { .init(lifetime: config.listCacheSeconds) }
    }
}
