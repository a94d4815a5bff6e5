import Fluent
import SQLKit
import Vapor

/// Who may do what with products and ideas. Staff and admins run products; a product's team
/// (and staff) move its ideas through their statuses and merge duplicates.
enum IdeasPolicy {
    static func canManageProducts(_ user: User?) -> Bool { user?.role == .staff || user?.role == .admin }

    static func canTriage(_ user: User?, product productID: Int, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if canManageProducts(user) { return true }
        let sql = db as! any SQLDatabase
        // A small read: every look at a build asks it (through the releases' rings).
        return try await SmallRead.run {
            try await sql.raw("SELECT 1 AS one FROM product_members WHERE product_id = \(bind: productID) AND user_id = \(bind: userID)").first()
        } != nil
    }
}
