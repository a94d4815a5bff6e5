import Fluent
import Vapor

/// `/api/v1`: releases, their changelogs, rings, rollouts, four-grid reports, the update check
/// and the train calendar.
struct APIReleasesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("products", ":slug", "releases", use: list)
        routes.get("products", ":slug", "calendar", use: calendar)
        routes.get("products", ":slug", "updates", use: updates)
        routes.get("releases", ":id", use: show)
        routes.get("releases", ":id", "report", "summary", use: summary)

        let members = routes.grouped(RequireTokenMiddleware())
        members.post("products", ":slug", "releases", use: create)
        members.put("products", ":slug", "calendar", use: updateCalendar)
        members.post("products", ":slug", "train", use: trigger)
        members.put("products", ":slug", "weekly-ring", use: joinWeeklyRing)
        members.delete("products", ":slug", "weekly-ring", use: leaveWeeklyRing)
        members.post("releases", ":id", "changes", use: addChange)
        members.post("releases", ":id", "promote", use: promote)
        members.post("releases", ":id", "rollout", use: rollout)
        members.get("releases", ":id", "report", use: myReport)
        members.put("releases", ":id", "report", use: fileReport)
        members.post("releases", ":id", "report", "close", use: closeReport)
    }

    private func product(_ req: Request) async throws -> Product {
        try await ReleasesService(req).product(slug: req.parameters.get("slug") ?? "")
    }

    /// `inRing` as the caller's access said; the product's team, who alone create, promote and
    /// steer builds, is in every ring (the default).
    static func dto(_ release: Release, inRing: Bool = true, on req: Request) async throws -> ReleaseDTO {
        let service = ReleasesService(req)
        let changes = try await service.changes(of: release.requireID())
        let credited = try await service.credits(of: changes)
        let modules = try await service.ideas.modules(of: release.$product.id)
        return ReleaseDTO(
            release,
            changes: changes.map { change in
                ReleaseChangeDTO(change, module: modules.first { $0.id == change.$module.id }, credited: change.id.flatMap { credited[$0] })
            }, inRing: inRing, now: req.now)
    }

    func list(req: Request) async throws -> [ReleaseDTO] {
        let product = try await product(req)
        let innermost = try await ReleasesPolicy.innermostRing(of: req.currentUser, product: product.requireID(), on: req.db)
        var items: [ReleaseDTO] = []
        for release in try await ReleasesService(req).releases(of: product.requireID(), visibleFrom: innermost) {
            items.append(try await Self.dto(release, inRing: ReleasesPolicy.isInRing(release.ring, innermost: innermost), on: req))
        }
        return items
    }

    struct NewRelease: Content {
        var version: String?
        var notes: String?
        var download_url: String?
    }

    func create(req: Request) async throws -> Response {
        let body = try req.content.decode(NewRelease.self)
        let release = try await ReleasesService(req).create(
            in: try await product(req), .init(version: body.version, notes: body.notes, downloadURL: body.download_url), by: try req.auth.require(User.self))
        return try await Self.dto(release, on: req).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> ReleaseDTO {
        let (release, inRing) = try await ReleasesService(req).release(try req.idParameter(), for: req.currentUser)
        return try await Self.dto(release, inRing: inRing, on: req)
    }

    struct NewChange: Content {
        var title: String?
        var description: String?
        var module: String?
        var team: String?
        var idea_id: Int?
        var half_finished: Bool?
    }

    func addChange(req: Request) async throws -> Response {
        let body = try req.content.decode(NewChange.self)
        let service = ReleasesService(req)
        let change = try await service.addChange(
            to: try req.idParameter(),
            .init(title: body.title, description: body.description, moduleKey: body.module, team: body.team, ideaID: body.idea_id, halfFinished: body.half_finished ?? false),
            by: try req.auth.require(User.self))
        let module = try await change.$module.get(on: req.db)
        return try await ReleaseChangeDTO(change, module: module, credited: try await service.credits(of: [change]).values.first)
            .encodeResponse(status: .created, for: req)
    }

    struct Promotion: Content {
        var ring: String?
    }

    func promote(req: Request) async throws -> ReleaseDTO {
        let body = try req.content.decode(Promotion.self)
        let release = try await ReleasesService(req).promote(try req.idParameter(), to: try ReleaseRing.parse(body.ring), by: try req.auth.require(User.self))
        return try await Self.dto(release, on: req)
    }

    struct Rollout: Content {
        var percent: Int?
        var pause: Bool?
        var resume: Bool?

        func change() throws -> ReleasesService.RolloutChange {
            switch (percent, pause == true, resume == true) {
            case (let percent?, false, false): .percent(percent)
            case (nil, true, false): .pause
            case (nil, false, true): .resume
            default: throw CoreError.invalidField(field: "percent", messageKey: "releases.invalid.rollout")
            }
        }
    }

    func rollout(req: Request) async throws -> ReleaseDTO {
        let body = try req.content.decode(Rollout.self)
        let release = try await ReleasesService(req).rollout(try req.idParameter(), try body.change(), by: try req.auth.require(User.self))
        return try await Self.dto(release, on: req)
    }

    struct Report: Content {
        var liked_change_id: Int?
        var weak_change_id: Int?
        var anticipated_idea_id: Int?
        var anticipated_text: String?
        var rating: Int?
    }

    func fileReport(req: Request) async throws -> FourGridReportDTO {
        let body = try req.content.decode(Report.self)
        let report = try await ReleasesService(req).fileReport(
            on: try req.idParameter(),
            .init(likedChangeID: body.liked_change_id, weakChangeID: body.weak_change_id, anticipatedIdeaID: body.anticipated_idea_id,
                  anticipatedText: body.anticipated_text, rating: body.rating),
            by: try req.auth.require(User.self))
        return FourGridReportDTO(report)
    }

    func myReport(req: Request) async throws -> FourGridReportDTO {
        let user = try req.auth.require(User.self)
        let service = ReleasesService(req)
        let release = try await service.release(try req.idParameter(), for: user).release
        guard let report = try await service.report(on: release.requireID(), by: user.requireID()) else { throw CoreError.notFound }
        return FourGridReportDTO(report)
    }

    func closeReport(req: Request) async throws -> ReleaseDTO {
        let release = try await ReleasesService(req).closeReport(try req.idParameter(), by: try req.auth.require(User.self))
        return try await Self.dto(release, on: req)
    }

    func summary(req: Request) async throws -> ReportSummaryDTO {
        let service = ReleasesService(req)
        let release = try await service.release(try req.idParameter(), for: req.currentUser).release
        return ReportSummaryDTO(try await ReleaseResultsCache.results(of: release, on: req), now: req.now)
    }

    func updates(req: Request) async throws -> UpdateCheck.Answer {
        let question = UpdateCheck.Question(
            slug: req.parameters.get("slug") ?? "", deviceID: req.query[String.self, at: "device_id"],
            currentVersion: req.query[String.self, at: "current_version"], ring: req.query[String.self, at: "ring"])
        return try await UpdateCheck(db: req.db, cache: req.application.updateCheckCache, now: req.now).answer(question, viewer: req.currentUser)
    }

    func calendar(req: Request) async throws -> TrainCalendarDTO {
        let product = try await product(req)
        let service = ReleasesService(req)
        return TrainCalendarDTO(try await ReleaseTrain(service).status(of: product), timeZone: req.application.config.timeZone)
    }

    struct CalendarChange: Content {
        var cadence: String?
        var report_days: Int?
        var report_weekday: Int?
        var report_time: String?
        var preview_weekday: Int?
        var preview_time: String?
        var closed_beta_weekday: Int?
        var closed_beta_time: String?
        var release_weekday: Int?
        var release_time: String?

        var input: ReleasesService.CalendarInput {
            ReleasesService.CalendarInput(
                cadence: cadence, reportDays: report_days,
                slots: [.report: (report_weekday, report_time), .preview: (preview_weekday, preview_time),
                        .closedBeta: (closed_beta_weekday, closed_beta_time), .release: (release_weekday, release_time)])
        }
    }

    func updateCalendar(req: Request) async throws -> TrainCalendarDTO {
        let body = try req.content.decode(CalendarChange.self)
        let product = try await product(req)
        let service = ReleasesService(req)
        _ = try await service.updateCalendar(of: product.requireID(), body.input, by: try req.auth.require(User.self))
        return TrainCalendarDTO(try await ReleaseTrain(service).status(of: product), timeZone: req.application.config.timeZone)
    }

    struct Trigger: Content {
        var phase: String?
    }

    func trigger(req: Request) async throws -> TrainCalendarDTO {
        let body = try req.content.decode(Trigger.self)
        let phase = try TrainPhase.parse(body.phase)
        let product = try await product(req)
        let service = ReleasesService(req)
        _ = try await ReleaseTrain(service).trigger(phase, of: product, by: try req.auth.require(User.self))
        return TrainCalendarDTO(try await ReleaseTrain(service).status(of: product), timeZone: req.application.config.timeZone)
    }

    struct WeeklyRing: Content {
        let member: Bool
    }

    func joinWeeklyRing(req: Request) async throws -> WeeklyRing {
        try await ReleasesService(req).joinWeeklyRing(try await product(req).requireID(), try req.auth.require(User.self))
        return WeeklyRing(member: true)
    }

    func leaveWeeklyRing(req: Request) async throws -> WeeklyRing {
        try await ReleasesService(req).leaveWeeklyRing(try await product(req).requireID(), try req.auth.require(User.self))
        return WeeklyRing(member: false)
    }
}
