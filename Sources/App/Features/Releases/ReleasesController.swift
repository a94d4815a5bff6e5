import Fluent
import Vapor

/// Pages for releases: every product's latest build, a product's train and builds, one build
/// with its changelog and four-grid report, its results, and a team's page. Staff forms are in
/// `+Staff`, the feeds in `ReleaseFeed`.
struct ReleasesController: RouteCollection {
    let anonymousCache: AnonymousPageCache
    let memberCache: MemberPageCache

    func boot(routes: any RoutesBuilder) throws {
        // What visitors see of the builds and their results is the same for all of them.
        let cached = routes.grouped(AnonymousPageCacheMiddleware(cache: anonymousCache))
        cached.get(.releases, use: index)
        routes.get(.productReleases(":slug"), use: product)
        cached.get(.productTeam(":slug"), use: team)
        routes.get(.release(.key), use: show)
        cached.get(.releaseResults(.key), use: results)
        routes.get(.releasesFeed, use: ReleaseFeed.all)
        routes.get(.productReleasesFeed(":slug"), use: ReleaseFeed.product)
        let members = routes.grouped(RequireMemberMiddleware())
        members.post(.releaseReport(.key), use: fileReport)
        members.post(.productWeeklyRing(":slug"), use: weeklyRing)
        members.post(.productNewRelease(":slug"), use: createRelease)
        members.post(.productCalendar(":slug"), use: updateCalendar)
        members.post(.productTrain(":slug"), use: trigger)
        members.post(.releaseChanges(.key), use: addChange)
        members.post(.releasePromote(.key), use: promote)
        members.post(.releaseRollout(.key), use: rollout)
        members.post(.releaseCloseReport(.key), use: closeReport)
    }

    func slugProduct(_ req: Request) async throws -> Product {
        try await ReleasesService(req).product(slug: req.parameters.get("slug") ?? "")
    }

    func index(req: Request) async throws -> Response {
        let service = ReleasesService(req)
        var entries: [ReleaseViews.IndexEntry] = []
        for product in try await service.ideas.products() {
            let latest = try await service.publicReleases(of: product.requireID(), limit: 1).first
            let popcorn = try await service.popcornTitles(of: latest.map { [$0] } ?? [])
            entries.append(
                ReleaseViews.IndexEntry(
                    name: product.name(req.locale), icon: product.icon, releasesURL: SiteURL.productReleases(product.slug).path,
                    feedURL: SiteURL.productReleasesFeed(product.slug).path, latest: latest.map { ReleaseViews.row($0, popcorn: popcorn, on: req) }))
        }
        let context = ReleaseViews.IndexContext(layout: req.layout(title: req.t("releases.title"), section: .releases), products: entries, feedURL: SiteURL.releasesFeed.path)
        return try await req.page("releases/index", context)
    }

    func product(req: Request) async throws -> Response {
        try await renderProduct(req, product: try await slugProduct(req))
    }

    func renderProduct(_ req: Request, product: Product, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let service = ReleasesService(req)
        let productID = try product.requireID()
        let viewer = req.currentUser
        let manage = try await ReleasesPolicy.canManage(viewer, product: productID, on: req.db)
        let innermost = try await ReleasesPolicy.innermostRing(of: viewer, product: productID, on: req.db)
        let releases = try await service.releases(of: productID, visibleFrom: innermost, limit: 30)
        let popcorn = try await service.popcornTitles(of: releases)
        let rows = releases.map { ReleaseViews.row($0, popcorn: popcorn, on: req) }
        let calendarForm = manage ? Self.calendarForm(try await service.calendar(of: productID), product: product, on: req) : nil
        let context = ReleaseViews.ProductContext(
            layout: req.layout(title: req.t("releases.product_title", product.name(req.locale)), section: .releases), csrf: req.csrfTokenIfMember,
            product: IdeaViews.productLink(product, req.locale), train: try await ReleaseViews.trainStrip(product, on: req, manage: manage),
            newReleaseAction: manage ? SiteURL.productNewRelease(product.slug).path : nil, calendarForm: calendarForm, releases: rows,
            feedURL: SiteURL.productReleasesFeed(product.slug).path, notice: Self.notice(req), error: error)
        return try await req.page("releases/product", context, status: status)
    }

    static func notice(_ req: Request) -> String? {
        guard let key = req.query[String.self, at: "notice"], ["saved", "joined", "left", "triggered", "filed"].contains(key) else { return nil }
        return req.t("releases.notice.\(key)")
    }

    static func calendarForm(_ calendar: ReleaseCalendar, product: Product, on req: Request) -> ReleaseViews.CalendarForm {
        ReleaseViews.CalendarForm(
            action: SiteURL.productCalendar(product.slug).path,
            cadences: TrainCadence.allCases.map { .init(value: $0.rawValue, label: req.t($0.labelKey), selected: $0 == calendar.cadence) },
            reportDays: calendar.reportDays,
            slots: TrainPhase.allCases.map { phase in
                let slot = calendar.slot(of: phase)
                return .init(
                    phase: phase.rawValue, label: req.t(phase.labelKey),
                    weekdays: (1...7).map { .init(value: String($0), label: req.t("releases.weekday.\($0)"), selected: $0 == slot.weekday) },
                    time: ReleasesService.clockTime(slot.minute))
            })
    }

    func show(req: Request) async throws -> Response {
        try await renderShow(req, id: try req.idParameter())
    }

    func renderShow(_ req: Request, id: Int, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let service = ReleasesService(req)
        let viewer = req.currentUser
        let (release, inRing) = try await service.release(id, for: viewer)
        guard let product = try await Product.find(release.$product.id, on: req.db) else { throw CoreError.notFound }
        let changes = try await service.changes(of: id)
        let modules = try await service.ideas.modules(of: product.requireID())
        let rows = ReleaseViews.changeRows(changes, release: release, credited: try await service.credits(of: changes), modules: modules, product: product, on: req)
        let zone = req.viewerTimeZone
        let manage = try await ReleasesPolicy.canManage(viewer, product: product.requireID(), on: req.db)
        var staff: ReleaseViews.StaffForms?
        if manage {
            let forward = ReleasesPolicy.promotionTargets(from: release.ring, by: viewer)
            staff = .init(
                changeAction: release.ring < .weekly ? SiteURL.releaseChanges(.value(id)).path : nil,
                modules: [.init(value: "", label: req.t("releases.no_module"), selected: true)] + modules.map { .init(value: $0.key, label: $0.name(req.locale), selected: false) },
                promoteAction: forward.isEmpty ? nil : SiteURL.releasePromote(.value(id)).path,
                rings: forward.map { .init(value: $0.rawValue, label: req.t($0.labelKey), selected: $0 == release.ring.next) },
                rolloutAction: release.ring == .stable ? SiteURL.releaseRollout(.value(id)).path : nil, rolloutPaused: release.rolloutPaused,
                closeReportAction: release.reportIsOpen(at: req.now) ? SiteURL.releaseCloseReport(.value(id)).path : nil)
        }
        let context = ReleaseViews.ShowContext(
            layout: req.layout(title: "\(product.name(req.locale)) \(release.version)", section: .releases), csrf: req.csrfTokenIfMember,
            product: IdeaViews.productLink(product, req.locale), releasesURL: SiteURL.productReleases(product.slug).path, version: release.version,
            ring: release.ring.rawValue, ringLabel: req.t(release.ring.labelKey), created: DateDisplay.dateTime(release.createdAt, req.locale, zone),
            published: release.weeklyAt.map { DateDisplay.dateTime($0, req.locale, zone) }, notesHTML: inRing ? release.notesHTML : "",
            downloadURL: inRing && !release.downloadURL.isEmpty ? release.downloadURL : nil,
            ringNote: inRing ? nil : req.t("releases.ring_only", req.t(release.ring.labelKey)), threadURL: release.threadID.map { SiteURL.thread(.value($0)).path },
            previewURL: release.previewThreadID.map { SiteURL.thread(.value($0)).path },
            rollout: release.ring == .stable
                ? req.t(release.rolloutPaused ? "releases.rollout_paused" : "releases.rollout_at", String(release.rolloutPercent)) : nil,
            reportState: Self.reportState(release, on: req), changes: rows,
            fixedBugs: try await BugsService.fixed(in: id, on: req.db).map {
                .init(title: "#\($0.id ?? 0) \($0.title)", url: SiteURL.bug(.value($0.id ?? 0)).path, reporter: $0.reporter.name,
                      reporterURL: SiteURL.profile(.value($0.$reporter.id)).path)
            },
            popcorn: rows.first { $0.popcorn }?.title,
            resultsURL: SiteURL.releaseResults(.value(id)).path,
            report: inRing ? try await reportForm(release, changes: changes, product: product, on: req) : nil,
            loginURL: viewer == nil ? SiteURL.withNext(SiteURL.login.path, SiteURL.release(.value(id)).path) : nil, staff: staff, error: error,
            notice: Self.notice(req))
        return try await req.page("releases/show", context, status: status)
    }

    static func reportState(_ release: Release, on req: Request) -> String {
        let zone = req.viewerTimeZone
        if release.reportIsOpen(at: req.now), let closes = release.reportClosesAt {
            return req.t("releases.report_open_until", DateDisplay.dateTime(closes, req.locale, zone))
        }
        if release.reportClosedAt != nil || (release.reportClosesAt.map { $0 <= req.now } ?? false) { return req.t("releases.report_closed") }
        return req.t("releases.report_not_yet")
    }

    private func reportForm(_ release: Release, changes: [ReleaseChange], product: Product, on req: Request) async throws -> ReleaseViews.ReportForm? {
        guard let viewer = req.currentUser, let viewerID = viewer.id, release.reportIsOpen(at: req.now), let closes = release.reportClosesAt else { return nil }
        let service = ReleasesService(req)
        let mine = try await service.report(on: release.requireID(), by: viewerID)
        // The hot list as the product page has it (cached for a few seconds on each node).
        let ideas = try await IdeaListCache.list(product, .init(sort: .hot), on: req).ideas.filter { $0.status.isOpen }
        return ReleaseViews.ReportForm(
            action: SiteURL.releaseReport(.value(release.id ?? 0)).path,
            changes: changes.map { .init(value: String($0.id ?? 0), label: $0.title, selected: $0.id == mine?.likedChangeID) },
            weakChanges: changes.map { .init(value: String($0.id ?? 0), label: $0.title, selected: $0.id == mine?.weakChangeID) },
            ideas: [.init(value: "", label: req.t("releases.report.free_text_instead"), selected: mine?.anticipatedIdeaID == nil)]
                + ideas.map { .init(value: String($0.id ?? 0), label: $0.title, selected: $0.id == mine?.anticipatedIdeaID) },
            text: mine?.anticipatedText ?? "",
            ratings: (1...5).map { .init(value: String($0), label: req.t("releases.rating.\($0)"), selected: $0 == (mine?.rating ?? 0)) },
            editing: mine != nil, closes: DateDisplay.dateTime(closes, req.locale, req.viewerTimeZone))
    }

    struct ReportForm: Content {
        var liked_change_id: String?
        var weak_change_id: String?
        var anticipated_idea_id: String?
        var anticipated_text: String?
        var rating: String?
    }

    func fileReport(req: Request) async throws -> Response {
        let id = try req.idParameter()
        do {
            let form = try req.content.decode(ReportForm.self)
            _ = try await ReleasesService(req).fileReport(
                on: id,
                .init(likedChangeID: form.liked_change_id.flatMap { Int($0) }, weakChangeID: form.weak_change_id.flatMap { Int($0) },
                      anticipatedIdeaID: form.anticipated_idea_id.flatMap { Int($0) }, anticipatedText: form.anticipated_text,
                      rating: form.rating.flatMap { Int($0) }),
                by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.release(.value(id)).path + "?notice=filed")
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderShow(req, id: id, error: formError.message, status: status)
        }
    }

    /// The same for every member who may see the build (its counts are a few seconds old for
    /// everyone alike), so members get it from a page shell.
    func results(req: Request) async throws -> Response {
        let id = try req.idParameter()
        guard memberCache.isOn, req.currentUser != nil else { return try await renderResults(req, id: id) }
        let glance = try await ReleasesService(req).glance(id, for: req.currentUser)
        // Closing gives the award: the page changes at once then.
        return try await memberCache.respond(to: req, key: "results \(id) \(glance.reportClosed ? "closed" : "open")", holes: [:]) { req in
            try await renderResults(req, id: id)
        }
    }

    private func renderResults(_ req: Request, id: Int) async throws -> Response {
        let service = ReleasesService(req)
        let (release, _) = try await service.release(id, for: req.currentUser)
        guard let product = try await Product.find(release.$product.id, on: req.db) else { throw CoreError.notFound }
        let results = try await ReleaseResultsCache.results(of: release, on: req)
        let rows = ReleaseViews.changeRows(
            results.changes, release: results.release, credited: [:], modules: try await service.ideas.modules(of: product.requireID()), product: product, on: req)
        let reports = max(release.reportCount, 1)
        let popcorn = rows.first { $0.popcorn }
        let context = ReleaseViews.ResultsContext(
            layout: req.layout(title: req.t("releases.results.title", release.version), section: .releases), product: IdeaViews.productLink(product, req.locale),
            releaseURL: SiteURL.release(.value(release.id ?? 0)).path, version: release.version, reportState: Self.reportState(release, on: req),
            reports: release.reportCount, average: release.averageRating.map { String(format: "%.2f", $0) },
            ratings: release.ratings.enumerated().reversed().map { index, count in
                ReleaseViews.Bar(label: req.t("releases.rating.\(index + 1)"), count: count, percent: count * 100 / reports)
            },
            changes: rows.sorted { $0.liked > $1.liked }, popcorn: popcorn?.title, popcornTeam: popcorn?.team,
            anticipated: results.anticipated.map { .init(title: $0.title, url: SiteURL.idea(.value($0.ideaID)).path, count: $0.count) },
            freeText: results.freeTextAnticipations,
            trendSVG: RatingTrendChart.svg(results.trend, title: req.t("releases.results.trend")),
            summaryURL: "/api/v1/releases/\(release.id ?? 0)/report/summary")
        return try await req.page("releases/results", context)
    }

    func team(req: Request) async throws -> Response {
        let product = try await slugProduct(req)
        let name = String((req.query[String.self, at: "name"] ?? "").prefix(ReleaseRules.teamLength.upperBound))
        guard !name.isEmpty else { throw CoreError.notFound }
        let service = ReleasesService(req)
        let mayReadWork = try await service.mayReadWorkList(of: name, product: product.requireID(), viewer: req.currentUser)
        let page = try await service.team(name, of: product.requireID(), includingWorkList: mayReadWork)
        let context = ReleaseViews.TeamContext(
            layout: req.layout(title: name, section: .releases), product: IdeaViews.productLink(product, req.locale), team: name, liked: page.liked, weak: page.weak,
            popcorn: ReleaseViews.teamRows(page.popcorn), recent: ReleaseViews.teamRows(page.recent),
            workList: mayReadWork ? ReleaseViews.teamRows(page.workList) : nil)
        return try await req.page("releases/team", context)
    }

    struct RingForm: Content {
        var action: String?
    }

    func weeklyRing(req: Request) async throws -> Response {
        let product = try await slugProduct(req)
        let form = try req.content.decode(RingForm.self)
        let user = try req.auth.require(User.self)
        do {
            if form.action == "leave" {
                try await ReleasesService(req).leaveWeeklyRing(product.requireID(), user)
            } else {
                try await ReleasesService(req).joinWeeklyRing(product.requireID(), user)
            }
            return req.redirect(to: SiteURL.productReleases(product.slug).path + "?notice=" + (form.action == "leave" ? "left" : "joined"))
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderProduct(req, product: product, error: formError.message, status: status)
        }
    }
}
