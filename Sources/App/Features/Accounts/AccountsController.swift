import Vapor

/// Register, log in, log out, and the first-run page that creates the admin.
struct AccountsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.register, use: registerForm)
        routes.post(.register, use: register)
        routes.get(.login, use: loginForm)
        routes.post(.login, use: login)
        routes.post(.logout, use: logout)
        routes.get(.setup, use: setupForm)
        routes.post(.setup, use: setup)
    }

    private func afterLogin(_ req: Request) -> Response {
        req.redirect(to: SiteURL.safeNext(req.query[String.self, at: "next"]) ?? SiteURL.home.path, redirectType: .normal)
    }

    // MARK: Register

    func registerForm(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: .home) }
        let status: HTTPStatus = AccountsPolicy.canRegister(config: req.application.config) ? .ok : .forbidden
        return try await AccountFormPage.render("accounts/register", title: "accounts.register.title", action: .register, on: req, status: status)
    }

    func register(req: Request) async throws -> Response {
        let form = try req.content.decode(AccountForm.self)
        do {
            let user = try await AccountsService(req).register(
                .init(email: form.email, name: form.name, password: form.password), locale: req.locale)
            try await WebSessions.start(for: user, on: req)
            return afterLogin(req)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await AccountFormPage.render(
                "accounts/register", title: "accounts.register.title", action: .register, on: req,
                email: form.email ?? "", name: form.name ?? "", error: formError, status: status)
        }
    }

    // MARK: Log in and out

    func loginForm(req: Request) async throws -> Response {
        if req.currentUser != nil { return afterLogin(req) }
        return try await AccountFormPage.render("accounts/login", title: "accounts.login.title", action: .login, on: req)
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(AccountForm.self)
        do {
            let user = try await AccountsService(req).authenticate(email: form.email, password: form.password, ip: req.clientIP)
            try await WebSessions.start(for: user, on: req)
            return afterLogin(req)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            let response = try await AccountFormPage.render(
                "accounts/login", title: "accounts.login.title", action: .login, on: req,
                email: form.email ?? "", error: formError, status: status)
            if let limited = error as? RateLimited { response.headers.replaceOrAdd(name: "Retry-After", value: String(limited.retryAfterSeconds)) }
            return response
        }
    }

    func logout(req: Request) async throws -> Response {
        try await WebSessions.end(on: req)
        return req.redirect(to: .home)
    }

    // MARK: First run

    func setupForm(req: Request) async throws -> Response {
        guard try await !AccountsService(req).adminExists() else { throw CoreError.notFound }
        return try await AccountFormPage.render("accounts/setup", title: "accounts.setup.title", action: .setup, on: req)
    }

    func setup(req: Request) async throws -> Response {
        let form = try req.content.decode(AccountForm.self)
        do {
            let admin = try await AccountsService(req).completeFirstRunSetup(
                .init(email: form.email, name: form.name, password: form.password), locale: req.locale)
            try await WebSessions.start(for: admin, on: req)
            return req.redirect(to: .home)
        } catch AccountsError.setupAlreadyDone {
            throw CoreError.notFound
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await AccountFormPage.render(
                "accounts/setup", title: "accounts.setup.title", action: .setup, on: req,
                email: form.email ?? "", name: form.name ?? "", error: formError, status: status)
        }
    }
}
