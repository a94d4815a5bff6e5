import Fluent
import Vapor

/// Who may do what in the forum. Staff and admins moderate everywhere, as do members with the
/// moderator role (超级版主); a board's own moderators (版主) moderate that board.
enum ForumPolicy {
    static func moderatesEverywhere(_ user: User?) -> Bool {
        guard let user else { return false }
        return user.role == .moderator || user.role == .staff || user.role == .admin
    }

    static func canModerate(_ user: User?, board boardID: Int, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if moderatesEverywhere(user) { return true }
        return canModerate(user, boardModerator: try await BoardModerator.query(on: db).filter(\.$board.$id == boardID).filter(\.$user.$id == userID).count() > 0)
    }

    /// The same, when whether the member is one of the board's own moderators is already known.
    static func canModerate(_ user: User, boardModerator: Bool) -> Bool {
        moderatesEverywhere(user) || boardModerator
    }

    /// Moderators of any board may also mute and ban (site-wide), as on Discuz!.
    static func canSanction(_ user: User?, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if moderatesEverywhere(user) { return true }
        return try await BoardModerator.query(on: db).filter(\.$user.$id == userID).count() > 0
    }

    static func canManageBoards(_ user: User?) -> Bool { user?.role == .admin }

    static func canSeeAuditLog(_ user: User?) -> Bool { user?.role == .staff || user?.role == .admin }

    /// A hidden post is read by its author and the board's moderators; a deleted one by nobody.
    static func canRead(_ post: Post, viewerID: Int?, moderator: Bool) -> Bool {
        switch post.state {
        case .visible: true
        case .hidden: moderator || (viewerID != nil && viewerID == post.$author.id)
        case .deleted: false
        }
    }

    /// The author may edit and delete their own visible post, unless the thread is locked.
    static func canEdit(_ post: Post, in thread: ForumThread, by user: User?) -> Bool {
        guard let user, post.$author.id == user.id, post.state == .visible else { return false }
        return !thread.locked
    }
}
