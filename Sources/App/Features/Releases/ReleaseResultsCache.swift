import Foundation
import Vapor

/// A build's four-grid results, kept as long as other lists are (a few seconds; off in tests).
/// The counts are current at every submission; this only spares the read when a busy report
/// has its results page open on many screens.
enum ReleaseResultsCache {
    static func results(of release: Release, on req: Request) async throws -> ReleasesService.Results {
        let releaseID = try release.requireID()
        let service = ReleasesService(req)
        return try await req.application.releaseResultsCache.value(for: releaseID, now: req.now) {
            // The build as it is now, not as the caller read it a moment ago.
            try await service.results(of: try await service.release(releaseID))
        }
    }
}

extension Application {
    private struct ReleaseResultsCacheKey: StorageKey { typealias Value = RefreshingCache<Int, ReleasesService.Results> }

    var releaseResultsCache: RefreshingCache<Int, ReleasesService.Results> {
        stored(ReleaseResultsCacheKey.self) { .init(lifetime: config.listCacheSeconds) }
    }
}
