import Fluent
import SQLKit
import Vapor

/// Who may do what with releases. The product's team and staff publish and promote one ring at
/// a time; skipping a ring is for staff. Which builds a member sees comes from standing's
/// privileges: closed beta with `closed_beta`, the weekly ring with `weekly_builds` once they
/// opted in for the product; the core team sees internal builds.
enum ReleasesPolicy {
    static func canManage(_ user: User?, product productID: Int, on db: any Database) async throws -> Bool {
        try await IdeasPolicy.canTriage(user, product: productID, on: db)
    }

    static func canSkipRings(_ user: User?) -> Bool { IdeasPolicy.canManageProducts(user) }

    /// The innermost ring whose builds the member gets for this product; everyone gets stable.
    static func innermostRing(of user: User?, product productID: Int, on db: any Database) async throws -> ReleaseRing {
        guard let user, let userID = user.id else { return .stable }
        if try await canManage(user, product: productID, on: db) { return .internal }
        let privileges = try await PyramidService.privileges(of: [userID], on: db as! any SQLDatabase)[userID] ?? PyramidService.fallbackPrivileges
        if privileges.tier == .coreTeam { return .internal }
        if privileges.closedBeta { return .closedBeta }
        if privileges.weeklyBuilds, try await isInWeeklyRing(userID, product: productID, on: db) { return .weekly }
        return .stable
    }

    static func isInWeeklyRing(_ userID: Int, product productID: Int, on db: any Database) async throws -> Bool {
        try await WeeklyRingMember.query(on: db).filter(\.$product.$id == productID).filter(\.$user.$id == userID).count() > 0
    }

    /// A build in `ring` is for members whose innermost ring is that one or an inner one.
    static func sees(_ release: Release, innermost: ReleaseRing) -> Bool { innermost <= release.ring }
}
