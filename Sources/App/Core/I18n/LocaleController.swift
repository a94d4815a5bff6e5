import Vapor

/// The language switch for visitors: remembers the choice in a cookie (no server state, so no
/// session or CSRF token is needed). Members switch through their settings instead.
struct LocaleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "locale", ":code", use: choose)
    }

    func choose(req: Request) async throws -> Response {
        guard let code = req.parameters.get("code"), let locale = SupportedLocale(rawValue: code) else {
            throw CoreError.notFound
        }
        let response = req.redirect(to: SiteURL.safeNext(req.query[String.self, at: "next"]) ?? SiteURL.home.path, redirectType: .normal)
        response.cookies[LocaleCookie.name] = LocaleCookie.make(locale, secure: req.application.config.secureCookies)
        return response
    }
}
