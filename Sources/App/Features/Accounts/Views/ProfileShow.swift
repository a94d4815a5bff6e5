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
        let credits: String
        let levelName: String
        let stars: String
        let streak: String?
    }

    static func context(for user: User, on req: Request) async throws -> Context {
        let id = try user.requireID()
        let viewer = req.currentUser
        let standing = try await StandingService(req).summary(of: id)
        return Context(
            layout: req.layout(title: user.name),
            id: id, name: user.name, avatar: Avatar(name: user.name, id: id),
            roleLabel: AccountsPolicy.showsRoleBadge(user) ? req.t("role.\(user.role.rawValue)") : nil,
            bioHTML: user.bio.isEmpty ? nil : Markdown.html(user.bio),
            joined: DateDisplay.day(user.createdAt, req.locale, req.viewerTimeZone),
            joinedISO: DateDisplay.iso(user.createdAt),
            email: AccountsPolicy.canSeeEmail(of: user, viewer: viewer) ? user.email : nil,
            isSelf: viewer?.id == id,
            settingsURL: SiteURL.settings.path,
            credits: req.t("profile.credits", standing.credits.formatted(.number.locale(req.locale.foundationLocale))),
            levelName: standing.progress.level.name(req.locale),
            stars: String(repeating: "★", count: standing.progress.level.stars),
            streak: standing.streak > 0 ? req.t("profile.streak", String(standing.streak)) : nil)
    }
}
