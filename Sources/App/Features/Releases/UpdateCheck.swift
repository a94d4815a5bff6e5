import Fluent
import Foundation
import SQLKit
import Vapor

/// The answer to a device's "is there a build for me?" (the OTA updater's call). A device on a
/// ring gets the newest build of that ring or an outer one; a stable build only once the
/// device's bucket is inside its rollout. The builds per product are kept a few seconds in
/// memory: devices ask often, and a new build may reach them a few seconds late.
struct UpdateCheck {
    struct Question: Sendable {
        var slug: String
        var deviceID: String?
        var currentVersion: String?
        var ring: String?
    }

    struct Answer: Content, Equatable {
        let status: String
        let update_available: Bool
        let current_version: String
        let ring: String
        let version: String?
        let release_id: Int?
        let release_ring: String?
        let notes_url: String?
        let download_url: String?
    }

    /// What a device may install, kept small: one row per build.
    struct Build: Sendable {
        let id: Int
        let version: String
        let ring: ReleaseRing
        let rolloutPercent: Int
        let downloadURL: String
    }

    struct ProductBuilds: Sendable {
        let id: Int
        let slug: String
        /// Newest first.
        let builds: [Build]
    }

    let db: any Database
    let cache: RefreshingCache<String, ProductBuilds?>
    let now: Date

    func answer(_ question: Question, viewer: User?) async throws -> Answer {
        let device = try FieldRules.text(question.deviceID, "device_id", 1...128)
        let current = try FieldRules.text(question.currentVersion, "current_version", ReleaseRules.versionLength)
        let ring = try question.ring.map { try ReleaseRing.parse($0.isEmpty ? nil : $0) } ?? .stable
        guard let product = try await product(question.slug) else { throw CoreError.notFound }
        if ring < .stable {
            guard viewer != nil else { throw CoreError.unauthorized }
            let innermost = try await ReleasesPolicy.innermostRing(of: viewer, product: product.id, on: db)
            guard ReleasesPolicy.isInRing(ring, innermost: innermost) else { throw ReleaseError.notInRing }
        }
        let bucket = ReleaseVersion.bucket(device: device, product: product.slug)
        let build = product.builds.first { build in
            build.ring >= ring && (build.ring != .stable || bucket < build.rolloutPercent || ring < .stable)
        }
        guard let build, ReleaseVersion.isNewer(build.version, than: current) else {
            return Answer(
                status: "up_to_date", update_available: false, current_version: current, ring: ring.rawValue, version: nil, release_id: nil,
                release_ring: nil, notes_url: nil, download_url: nil)
        }
        return Answer(
            status: "update_available", update_available: true, current_version: current, ring: ring.rawValue, version: build.version,
            release_id: build.id, release_ring: build.ring.rawValue, notes_url: SiteURL.release(.value(build.id)).path,
            download_url: build.downloadURL.isEmpty ? nil : build.downloadURL)
    }

    private func product(_ slug: String) async throws -> ProductBuilds? {
        let slug = String(slug.prefix(40))
        return try await cache.value(for: slug, now: now) { [db] in try await Self.load(slug, on: db) }
    }

    static func load(_ slug: String, on db: any Database) async throws -> ProductBuilds? {
        guard let productID = try await Product.query(on: db).filter(\.$slug == slug).first()?.id else { return nil }
        let sql = db as! any SQLDatabase
        let builds = try await sql.raw("""
            SELECT id, version, ring, rollout_percent, download_url FROM releases
            WHERE product_id = \(bind: productID)
            ORDER BY created_at DESC, id DESC LIMIT 100
            """).all().map { row in
                Build(
                    id: try row.decode(column: "id", as: Int.self), version: try row.decode(column: "version", as: String.self),
                    ring: try row.decode(column: "ring", as: ReleaseRing.self), rolloutPercent: try row.decode(column: "rollout_percent", as: Int.self),
                    downloadURL: try row.decode(column: "download_url", as: String.self))
            }
        return ProductBuilds(id: productID, slug: slug, builds: builds)
    }
}

extension Application {
    private struct UpdateCheckCacheKey: StorageKey { typealias Value = RefreshingCache<String, UpdateCheck.ProductBuilds?> }

    /// Builds per product for the update check, as long as other lists are kept (off in tests).
    var updateCheckCache: RefreshingCache<String, UpdateCheck.ProductBuilds?> {
        stored(UpdateCheckCacheKey.self) { .init(lifetime: config.listCacheSeconds) }
    }
}
