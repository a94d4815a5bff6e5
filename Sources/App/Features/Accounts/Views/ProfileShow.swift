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
        let medals: [MedalView]
        let staff: StaffMedalForms?
        let notice: String?
        var error: FormError? = nil
        /// For admins viewing a staff account outside the core team.
        let coreTeamInviteURL: String?
        /// Mute and ban, for moderators.
        var moderation: SanctionsView.Forms? = nil
    }

    /// Grant and revoke forms, for staff only.
    struct StaffMedalForms: Encodable {
        let csrf: String
        let grantAction: String
        let revokeAction: String
        let grantable: [MedalView]
    }

    static func context(for user: User, on req: Request) async throws -> Context {
        let id = try user.requireID()
        let viewer = req.currentUser
        let standing = try await StandingService(req).summary(of: id)
        let medalService = MedalService(req)
        let held = try await medalService.held(by: id)
        let notice: String? = switch req.query[String.self, at: "notice"] {
        case "medals_saved": req.t("medal.notice.saved")
        case "core_team_invited": req.t("tier.notice.core_team_invited")
        default: nil
        }
        var mayInvite = false
        if StandingPolicy.canAdminister(viewer), PyramidPolicy.mayJoinCoreTeam(user) {
            mayInvite = try await PyramidService(req).tier(of: id) != .coreTeam
        }
        var staffForms: StaffMedalForms?
        if let viewer, PyramidPolicy.canReviewApplications(viewer) {
            let heldKeys = Set(held.map { $0.0.key })
            staffForms = StaffMedalForms(
                csrf: try await req.csrfToken(), grantAction: SiteURL.profileMedals(.value(id)).path,
                revokeAction: SiteURL.profileMedalRevoke(.value(id)).path,
                grantable: try await medalService.all().filter { !heldKeys.contains($0.key) }.map { MedalView($0, on: req) })
        }
        var context = Context(
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
            streak: standing.streak > 0 ? req.t("profile.streak", String(standing.streak)) : nil,
            medals: held.map { MedalView($0.0, held: $0.1, on: req) },
            staff: staffForms,
            notice: notice,
            coreTeamInviteURL: mayInvite ? SiteURL.profileCoreTeam(.value(id)).path : nil)
        context.moderation = try await SanctionsView.forms(for: user, on: req)
        return context
    }
}
