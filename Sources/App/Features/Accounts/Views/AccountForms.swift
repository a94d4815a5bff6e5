import Vapor

/// The register, login and first-run setup pages share one shape: a form and its last error.
enum AccountFormPage {
    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let action: String
        let next: String?
        let email: String
        let name: String
        let error: FormError?
        let registrationOpen: Bool
    }

    static func render(
        _ template: String, title: String, action: SiteURL, on req: Request,
        email: String = "", name: String = "", error: FormError? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let next = SiteURL.safeNext(req.query[String.self, at: "next"])
        let context = Context(
            layout: req.layout(title: req.t(title)), csrf: try await req.csrfToken(),
            action: next.map { SiteURL.withNext(action.path, $0) } ?? action.path,
            next: next, email: email, name: name, error: error,
            registrationOpen: AccountsPolicy.canRegister(config: req.application.config))
        return try await req.page(template, context, status: status)
    }
}

struct AccountForm: Content {
    var email: String?
    var name: String?
    var password: String?
}
