import Vapor

/// The mute/ban form and history on a member's profile, for moderators; and its handler.
enum SanctionsView {
    struct Row: Encodable {
        let kind: String
        let until: String
        let reason: String
        let actor: String
    }

    struct Forms: Encodable {
        let csrf: String
        let action: String
        let mutedUntil: String?
        let bannedUntil: String?
        let history: [Row]
    }

    static func forms(for member: User, on req: Request) async throws -> Forms? {
        guard let viewer = req.currentUser, viewer.id != member.id, try await ForumPolicy.canSanction(viewer, on: req.db) else { return nil }
        let now = req.now
        let locale = req.locale
        let zone = req.viewerTimeZone
        let history = try await ModerationService(req).sanctions(of: try member.requireID())
        return Forms(
            csrf: req.csrfTokenIfMember ?? "", action: SiteURL.profileSanctions(.value(try member.requireID())).path,
            mutedUntil: member.mutedUntil.flatMap { $0 > now ? DateDisplay.dateTime($0, locale, zone) : nil },
            bannedUntil: member.bannedUntil.flatMap { $0 > now ? DateDisplay.dateTime($0, locale, zone) : nil },
            history: history.map {
                Row(kind: req.t("sanction.\($0.kind.rawValue)"), until: DateDisplay.dateTime($0.liftedAt ?? $0.until, locale, zone), reason: $0.reason, actor: $0.actor.name)
            })
    }
}

struct SanctionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberMiddleware()).post(.profileSanctions(.key), use: apply)
    }

    struct Form: Content {
        var kind: String?
        var hours: Int?
        var reason: String?
        var action: String?
    }

    func apply(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let userID = try req.idParameter()
        let kind: MemberSanction.Kind = try ModerationService.choice(form.kind, field: "kind")
        let actor = try req.auth.require(User.self)
        do {
            if form.action == "lift" {
                try await ModerationService(req).lift(userID, kind, by: actor, reason: form.reason)
            } else {
                _ = try await ModerationService(req).sanction(userID, kind, hours: form.hours ?? 0, by: actor, reason: form.reason)
            }
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            var context = try await ProfileShow.context(for: try await AccountsService.member(userID, on: req.db), on: req)
            context.error = formError
            return try await req.page("accounts/profile", context, status: status)
        }
        return req.redirect(to: SiteURL.profile(.value(userID)))
    }
}
