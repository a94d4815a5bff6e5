import Vapor

/// Staff grant and revoke medals from a member's profile page.
struct MedalsController: RouteCollection {
    struct GrantForm: Content {
        var medal: String?
        var reason: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped(RequireMemberMiddleware())
        members.post(.profileMedals(.key), use: grant)
        members.post(.profileMedalRevoke(.key), use: revoke)
    }

    func grant(req: Request) async throws -> Response {
        try await act(req) { id, form, staff in
            try await MedalService(req).grantByHand(form.medal ?? "", to: id, reason: form.reason, by: staff)
        }
    }

    func revoke(req: Request) async throws -> Response {
        try await act(req) { id, form, staff in
            try await MedalService(req).revoke(form.medal ?? "", from: id, reason: form.reason, by: staff)
        }
    }

    private func act(_ req: Request, _ body: (Int, GrantForm, User) async throws -> Void) async throws -> Response {
        let staff = try req.auth.require(User.self)
        let id = try req.idParameter()
        let form = try req.content.decode(GrantForm.self)
        do {
            try await body(id, form, staff)
            return req.redirect(to: SiteURL.profile(.value(id)).path + "?notice=medals_saved")
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            let user = try await AccountsService.member(id, on: req.db)
            var context = try await ProfileShow.context(for: user, on: req)
            context.error = formError
            return try await req.page("accounts/profile", context, status: status)
        }
    }
}

/// What pages show of a medal.
struct MedalView: Encodable {
    let key: String
    let name: String
    let description: String
    let iconURL: String
    let awarded: String?

    init(_ medal: Medal, held: MemberMedal? = nil, on req: Request) {
        key = medal.key
        name = medal.name(req.locale)
        description = medal.description(req.locale)
        iconURL = medal.iconDataURL
        awarded = held.map { DateDisplay.day($0.awardedAt, req.locale, req.viewerTimeZone) }
    }
}
