import Fluent
import SQLKit
import Vapor

/// Who may do what with bugs. The product's team (and staff) run a bug's lifecycle. Triagers,
/// that is the team, moderators and tiers with the `bug_triage` privilege (honorary developers
/// by default), confirm bugs by hand, set severity and module and mark duplicates. Log files
/// and device details are for the reporter and triagers alone.
enum BugsPolicy {
    /// Staff or a member of the product's team.
    static func canManage(_ user: User?, product productID: Int, on db: any Database) async throws -> Bool {
        try await IdeasPolicy.canTriage(user, product: productID, on: db)
    }

    static func canTriage(_ user: User?, product productID: Int, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if user.role == .moderator { return true }
        if try await canManage(user, product: productID, on: db) { return true }
        return try await PyramidService.privileges(of: [userID], on: db as! any SQLDatabase)[userID]?.bugTriage ?? false
    }

    /// The reporter sees what they sent; triagers see everyone's.
    static func canSeePrivate(_ user: User?, bug: Bug, on db: any Database) async throws -> Bool {
        guard let user else { return false }
        if user.id == bug.$reporter.id { return true }
        return try await canTriage(user, product: bug.$product.id, on: db)
    }

    /// Those who hit it (reporter and "me too" members) verify its fix.
    static func canVerify(_ userID: Int, bug: Bug, on sql: any SQLDatabase) async throws -> Bool {
        if userID == bug.$reporter.id { return true }
        return try await sql.raw("SELECT 1 AS one FROM bug_me_toos WHERE bug_id = \(bind: bug.id ?? 0) AND user_id = \(bind: userID)").first() != nil
    }

    /// A move by hand: triagers may only confirm; every other move is the team's.
    static func canMove(_ user: User?, bug: Bug, to status: BugStatus, on db: any Database) async throws -> Bool {
        if status == .confirmed, bug.status == .new { return try await canTriage(user, product: bug.$product.id, on: db) }
        return try await canManage(user, product: bug.$product.id, on: db)
    }
}
