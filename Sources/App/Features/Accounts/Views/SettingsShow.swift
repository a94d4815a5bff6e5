import Vapor

enum SettingsShow {
    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Token: Encodable {
        let label: String
        let hint: String
        let createdAt: String
        let lastUsedAt: String?
        let revokeURL: String
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let notice: String?
        let error: FormError?
        let errorForm: String?
        let name: String
        let email: String
        let bio: String
        let locales: [Option]
        let timeZones: [Option]
        let tokens: [Token]
        let newToken: String?
        let profileAction: String
        let passwordAction: String
        let tokensAction: String
        let profileURL: String
    }

    /// Notices come by `?notice=` after a redirect; only known ones are shown.
    static let notices: Set<String> = ["profile_saved", "password_changed", "token_revoked"]

    static func render(
        on req: Request, user: User, error: FormError? = nil, errorForm: String? = nil,
        newToken: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let locale = req.locale
        let zone = req.viewerTimeZone
        let notice = req.query[String.self, at: "notice"].flatMap { notices.contains($0) ? req.t("settings.notice.\($0)") : nil }
        let tokens = try await AccountsService(req).tokens(of: user)
        let context = Context(
            layout: req.layout(title: req.t("settings.title")),
            csrf: try await req.csrfToken(),
            notice: newToken == nil ? notice : nil,
            error: error, errorForm: errorForm,
            name: user.name, email: user.email, bio: user.bio,
            locales: [Option(value: "", label: req.t("settings.locale.follow_browser"), selected: user.locale == nil)]
                + SupportedLocale.allCases.map { Option(value: $0.rawValue, label: $0.nativeName, selected: user.locale == $0.rawValue) },
            timeZones: [Option(value: "", label: req.t("settings.time_zone.community", req.application.config.timeZone.identifier), selected: user.timeZone == nil)]
                + TimeZone.knownTimeZoneIdentifiers.sorted().map { Option(value: $0, label: $0, selected: user.timeZone == $0) },
            tokens: try tokens.map { token in
                Token(
                    label: token.label, hint: token.tokenHint + "…",
                    createdAt: DateDisplay.dateTime(token.createdAt, locale, zone),
                    lastUsedAt: token.lastUsedAt.map { DateDisplay.dateTime($0, locale, zone) },
                    revokeURL: SiteURL.settingsTokenRevoke(.value(try token.requireID())).path)
            },
            newToken: newToken,
            profileAction: SiteURL.settingsProfile.path,
            passwordAction: SiteURL.settingsPassword.path,
            tokensAction: SiteURL.settingsTokens.path,
            profileURL: SiteURL.profile(.value(try user.requireID())).path)
        return try await req.page("accounts/settings", context, status: status)
    }
}

extension Request {
    /// The viewer's time zone: their setting, else the community's.
    var viewerTimeZone: TimeZone {
        currentUser?.timeZone.flatMap(TimeZone.init(identifier:)) ?? application.config.timeZone
    }
}
