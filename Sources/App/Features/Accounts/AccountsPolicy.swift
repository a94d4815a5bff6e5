/// Who may do what with accounts.
enum AccountsPolicy {
    static func canRegister(config: AppConfig) -> Bool {
        config.openRegistration
    }

    /// An email address is private: its owner and admins see it.
    static func canSeeEmail(of user: User, viewer: User?) -> Bool {
        guard let viewer else { return false }
        return viewer.id == user.id || viewer.role == .admin
    }

    /// Staff roles are shown on profiles so members know who speaks for the team.
    static func showsRoleBadge(_ user: User) -> Bool {
        user.role != .member
    }
}
