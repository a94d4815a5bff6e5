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

    /// Where a build may go from `ring`: outward, one ring at a time, or further for staff.
    static func promotionTargets(from ring: ReleaseRing, by user: User?) -> [ReleaseRing] {
        ReleaseRing.allCases.filter { $0 > ring && ($0 == ring.next || canSkipRings(user)) }
    }

    /// The innermost ring whose builds the member gets for this product; everyone gets stable.
    /// Small reads only (standing's privileges, the team, the opt-in), since every report and
    /// every look at a build asks it.
    static func innermostRing(of user: User?, product productID: Int, on db: any Database) async throws -> ReleaseRing {
        guard let user, let userID = user.id else { return .stable }
        if try await canManage(user, product: productID, on: db) { return .internal }
        let sql = db as! any SQLDatabase
        let privileges = try await SmallRead.run { try await PyramidService.privileges(of: [userID], on: sql) }[userID]
            ?? PyramidService.fallbackPrivileges
        if privileges.tier == .coreTeam { return .internal }
        if privileges.closedBeta { return .closedBeta }
        if privileges.weeklyBuilds, try await isInWeeklyRing(userID, product: productID, on: db) { return .weekly }
        return .stable
    }

    static func isInWeeklyRing(_ userID: Int, product productID: Int, on db: any Database) async throws -> Bool {
        let sql = db as! any SQLDatabase
        return try await SmallRead.run {
            try await sql.raw("SELECT 1 AS one FROM weekly_ring_members WHERE product_id = \(bind: productID) AND user_id = \(bind: userID)").first()
        } != nil
    }

    /// A build in `ring` is for members whose innermost ring is that one or an inner one: they
    /// get its notes and download, and may file its report.
    static func isInRing(_ ring: ReleaseRing, innermost: ReleaseRing) -> Bool { innermost <= ring }

    /// Builds are published from the weekly ring outward: their changelog and results are public.
    static func isPublished(_ ring: ReleaseRing) -> Bool { ring >= .weekly }

    /// Whether a build exists for the member at all: published, or in their ring.
    static func mayView(_ ring: ReleaseRing, innermost: ReleaseRing) -> Bool { isPublished(ring) || isInRing(ring, innermost: innermost) }
}
