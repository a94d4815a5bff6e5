import Vapor

enum ProfileShow {
    struct Context: Encodable {
        let layout: PageLayout
        let id: Int
        let name: String
        let avatar: Avatar
        let roleLabel: String?
        let bioHTML: String?
        let joined: String
        let joinedISO: String
        let email: String?
        let isSelf: Bool
        let settingsURL: String
    }

    static func context(for user: User, on req: Request) throws -> Context {
        let id = try user.requireID()
        let viewer = req.currentUser
        return Context(
            layout: req.layout(title: user.name),
            id: id, name: user.name, avatar: Avatar(name: user.name, id: id),
            roleLabel: AccountsPolicy.showsRoleBadge(user) ? req.t("role.\(user.role.rawValue)") : nil,
            bioHTML: user.bio.isEmpty ? nil : Markdown.html(user.bio),
            joined: DateDisplay.day(user.createdAt, req.locale, req.viewerTimeZone),
            joinedISO: DateDisplay.iso(user.createdAt),
            email: AccountsPolicy.canSeeEmail(of: user, viewer: viewer) ? user.email : nil,
            isSelf: viewer?.id == id,
            settingsURL: SiteURL.settings.path)
    }
}
