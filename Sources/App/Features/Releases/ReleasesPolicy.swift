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
    /// One small read, since every report and every look at a build asks it.
    static func innermostRing(of user: User?, product productID: Int, on db: any Database) async throws -> ReleaseRing {
        guard let user, let userID = user.id else { return .stable }
        if IdeasPolicy.canManageProducts(user) { return .internal }
        let sql = db as! any SQLDatabase
        let row = try await SmallRead.run {
            try await sql.raw("""
                SELECT COALESCE(t.tier, \(bind: Tier.user.rawValue)) AS tier, r.closed_beta, r.weekly_builds,
                (SELECT COUNT(*) FROM product_members m WHERE m.product_id = \(bind: productID) AND m.user_id = u.id) AS team,
                (SELECT COUNT(*) FROM weekly_ring_members w WHERE w.product_id = \(bind: productID) AND w.user_id = u.id) AS opted_in
                FROM users u LEFT JOIN member_tiers t ON t.user_id = u.id LEFT JOIN tier_rules r ON r.tier = COALESCE(t.tier, \(bind: Tier.user.rawValue))
                WHERE u.id = \(bind: userID)
                """).first()
        }
        guard let row else { return .stable }
        if try row.decode(column: "team", as: Int.self) > 0 { return .internal }
        if try row.decode(column: "tier", as: Tier.self) == .coreTeam { return .internal }
        if try row.decode(column: "closed_beta", as: Bool?.self) == true { return .closedBeta }
        if try row.decode(column: "weekly_builds", as: Bool?.self) == true, try row.decode(column: "opted_in", as: Int.self) > 0 { return .weekly }
        return .stable
    }

    static func isInWeeklyRing(_ userID: Int, product productID: Int, on db: any Database) async throws -> Bool {
        try await WeeklyRingMember.query(on: db).filter(\.$product.$id == productID).filter(\.$user.$id == userID).count() > 0
    }

    /// A build in `ring` is for members whose innermost ring is that one or an inner one.
    static func sees(_ release: Release, innermost: ReleaseRing) -> Bool { innermost <= release.ring }
}
