import Vapor

/// What every page's layout needs: title, the viewer, navigation, the language switch.
/// Each page context carries one of these as `layout`.
struct PageLayout: Encodable {
    struct Viewer: Encodable {
        let name: String
        let profileURL: String
        let avatar: Avatar
        let isAdmin: Bool
        let unread: Int
        /// `unread` as shown (a hole in a member page shell).
        let unreadLabel: String
        let notificationsURL: String
    }

    struct NavItem: Encodable {
        let label: String
        let url: String?
        let current: Bool
        let comingSoon: Bool
    }

    struct LanguageChoice: Encodable {
        let code: String
        let name: String
        let url: String
        let current: Bool
    }

    let title: String
    let lang: String
    let viewer: Viewer?
    /// Present for members only: their forms in the header and footer (log out, language) need it.
    let csrf: String?
    let nav: [NavItem]
    let languages: [LanguageChoice]
    let currentPath: String
    let settingsLocaleURL: String
    let logoutURL: String
    let loginURL: String
    let registerURL: String
    let settingsURL: String
    let standingURL: String
    let adminURL: String
    let homeURL: String
    let stylesheetURL: String
    let scriptURL: String
    let registrationOpen: Bool
}

/// The areas of the site, in navigation order. Areas still to come show as "coming soon".
enum NavSection: CaseIterable {
    case home, forum, ideas, releases, bugs, pyramid

    var labelKey: String {
        switch self {
        case .home: "nav.home"
        case .forum: "nav.forum"
        case .ideas: "nav.ideas"
        case .releases: "nav.releases"
        case .bugs: "nav.bugs"
        case .pyramid: "nav.pyramid"
        }
    }

    var url: SiteURL? {
        switch self {
        case .home: .home
        case .pyramid: .pyramid
        case .forum: .forum
        case .ideas: .products
        case .releases: .releases
        case .bugs: .bugs
        }
    }
}

extension Request {
    func layout(title: String, section: NavSection? = nil) -> PageLayout {
        let locale = self.locale
        let user = currentUser
        typealias Hole = MemberPageCache.Hole
        let parts = personalValues
        let next = SiteURL.safeNext(url.string) ?? "/"
        return PageLayout(
            title: title,
            lang: locale.rawValue,
            viewer: user.map { user in
                PageLayout.Viewer(
                    name: personal(Hole.name, in: parts), profileURL: personal(Hole.profileURL, in: parts),
                    avatar: Avatar(initials: personal(Hole.initials, in: parts), colorClass: personal(Hole.avatarColor, in: parts)),
                    isAdmin: user.role == .admin, unread: unreadNotifications, unreadLabel: personal(Hole.unread, in: parts),
                    notificationsURL: SiteURL.notifications.path)
            },
            csrf: csrfTokenIfMember(in: parts),
            nav: NavSection.allCases.map { item in
                PageLayout.NavItem(
                    label: t(item.labelKey), url: item.url?.path, current: item == section, comingSoon: item.url == nil)
            },
            languages: SupportedLocale.allCases.map { choice in
                PageLayout.LanguageChoice(
                    code: choice.rawValue, name: choice.nativeName,
                    url: SiteURL.withNext(SiteURL.chooseLocale(choice.rawValue).path, next),
                    current: choice == locale)
            },
            currentPath: next,
            settingsLocaleURL: SiteURL.settingsLocale.path,
            logoutURL: SiteURL.logout.path,
            loginURL: SiteURL.login.path,
            registerURL: SiteURL.register.path,
            settingsURL: SiteURL.settings.path,
            standingURL: SiteURL.standing.path,
            adminURL: SiteURL.adminStanding.path,
            homeURL: SiteURL.home.path,
            stylesheetURL: SiteURL.stylesheet.path,
            scriptURL: SiteURL.script.path,
            registrationOpen: application.config.openRegistration
        )
    }

    /// Renders a page template with its context and status.
    func page(_ template: String, _ context: some Encodable, status: HTTPStatus = .ok) async throws -> Response {
        let view = try await self.view.render(template, context)
        let response = try await view.encodeResponse(for: self)
        response.status = status
        return response
    }

    func redirect(to url: SiteURL) -> Response {
        redirect(to: url.path, redirectType: .normal)
    }
}
