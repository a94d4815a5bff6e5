import Vapor

/// `/forum/reports`: the open reports on the boards a moderator looks after.
struct ReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.forumReports, use: queue)
        members.post(.forumReportResolve(.key), use: resolve)
    }

    struct Row: Encodable {
        let reporter: String
        let reason: String
        let when: String
        let postURL: String
        let excerpt: String
        let resolveURL: String
        let moderateURL: String
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let reports: [Row]
    }

    func queue(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        guard try await ForumPolicy.canSanction(user, on: req.db) else { throw CoreError.forbidden }
        let reports = try await ModerationService(req).openReports(for: user)
        let context = Context(
            layout: req.layout(title: req.t("forum.reports.title"), section: .forum), csrf: req.csrfTokenIfMember ?? "",
            reports: reports.map { report in
                Row(
                    reporter: report.reporter.name, reason: report.reason,
                    when: DateDisplay.dateTime(report.createdAt, req.locale, req.viewerTimeZone),
                    postURL: SiteURL.post(.value(report.$post.id)).path, excerpt: String(report.post.body.prefix(200)),
                    resolveURL: SiteURL.forumReportResolve(.value(report.id ?? 0)).path,
                    moderateURL: SiteURL.postModerate(.value(report.$post.id)).path)
            })
        return try await req.page("forum/reports", context)
    }

    struct ResolveForm: Content {
        var outcome: String?
        var note: String?
    }

    func resolve(req: Request) async throws -> Response {
        let form = try req.content.decode(ResolveForm.self)
        try await ModerationService(req).resolve(
            try req.idParameter(), by: try req.auth.require(User.self), dismiss: form.outcome == "dismiss", note: form.note)
        return req.redirect(to: SiteURL.forumReports)
    }
}
