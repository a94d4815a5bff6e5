import Vapor

/// A member's own settings: profile, language and time zone, password, API tokens.
struct SettingsController: RouteCollection {
    struct ProfileForm: Content {
        var name: String?
        var bio: String?
        var locale: String?
        var time_zone: String?
    }

    struct PasswordForm: Content {
        var current_password: String?
        var new_password: String?
    }

    struct TokenForm: Content {
        var label: String?
    }

    struct LocaleForm: Content {
        var locale: String?
        var next: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.settings, use: show)
        members.post(.settingsProfile, use: updateProfile)
        members.post(.settingsPassword, use: changePassword)
        members.post(.settingsTokens, use: createToken)
        members.post(.settingsTokenRevoke(.key), use: revokeToken)
        members.post(.settingsLocale, use: setLocale)
    }

    func show(req: Request) async throws -> Response {
        try await SettingsShow.render(on: req, user: try req.auth.require(User.self))
    }

    func updateProfile(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let form = try req.content.decode(ProfileForm.self)
        return try await attempt(req, user: user, form: "profile") {
            try await AccountsService(req).updateProfile(
                of: user, .init(name: form.name, bio: form.bio, locale: form.locale, timeZone: form.time_zone))
            req.forgetResolvedLocale()
            return req.redirect(to: SiteURL.settings.path + "?notice=profile_saved")
        }
    }

    func changePassword(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let form = try req.content.decode(PasswordForm.self)
        return try await attempt(req, user: user, form: "password") {
            try await AccountsService(req).changePassword(
                of: user, current: form.current_password, new: form.new_password, keepingSession: req.activeSession?.id)
            return req.redirect(to: SiteURL.settings.path + "?notice=password_changed")
        }
    }

    func createToken(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let form = try req.content.decode(TokenForm.self)
        return try await attempt(req, user: user, form: "tokens") {
            let (_, secret) = try await AccountsService(req).createToken(for: user, label: form.label)
            return try await SettingsShow.render(on: req, user: user, newToken: secret, status: .created)
        }
    }

    func revokeToken(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        try await AccountsService(req).revokeToken(try req.idParameter(), of: user)
        return req.redirect(to: SiteURL.settings.path + "?notice=token_revoked")
    }

    /// The footer's language switch for members: it changes their setting.
    func setLocale(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let form = try req.content.decode(LocaleForm.self)
        guard let locale = form.locale.flatMap(SupportedLocale.init(rawValue:)) else {
            throw CoreError.invalidField(field: "locale", messageKey: "accounts.invalid.locale")
        }
        try await AccountsService(req).setLocale(of: user, to: locale)
        return req.redirect(to: SiteURL.safeNext(form.next) ?? SiteURL.home.path, redirectType: .normal)
    }

    /// Runs a settings change; a broken rule re-renders the page with the message by its form.
    private func attempt(_ req: Request, user: User, form: String, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            // The in-memory model may hold the rejected values; show what is stored.
            let stored = try await AccountsService.member(try user.requireID(), on: req.db)
            return try await SettingsShow.render(on: req, user: stored, error: formError, errorForm: form, status: status)
        }
    }
}
