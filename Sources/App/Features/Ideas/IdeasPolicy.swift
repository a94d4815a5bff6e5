import Fluent
import Vapor

/// Who may do what with products and ideas. Staff and admins run products; a product's team
/// (and staff) move its ideas through their statuses and merge duplicates.
enum IdeasPolicy {
    static func canManageProducts(_ user: User?) -> Bool { user?.role == .staff || user?.role == .admin }

    static func canTriage(_ user: User?, product productID: Int, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if canManageProducts(user) { return true }
        return try await ProductMember.query(on: db).filter(\.$product.$id == productID).filter(\.$user.$id == userID).count() > 0
    }
}
