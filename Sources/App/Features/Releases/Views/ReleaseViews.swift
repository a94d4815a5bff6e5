import Vapor

/// Page contexts for releases.
enum ReleaseViews {
    struct PhaseRow: Encodable {
        let label: String
        let when: String
        let state: String
        let stateLabel: String
        let releaseURL: String?
        let triggerAction: String?
        let phase: String
    }

    struct PopcornLink: Encodable {
        let title: String
        let version: String
        let url: String
    }

    /// Where this week's train is, the latest Popcorn Award, and the viewer's weekly-ring choice:
    /// shown on the product page and the product's releases page.
    struct TrainStrip: Encodable {
        let cadence: String
        let trainWeek: Bool
        let nextTrainWeek: String?
        let phases: [PhaseRow]
        let releasesURL: String
        let popcorn: PopcornLink?
        let weeklyRing: WeeklyRingBox?
    }

    struct ReleaseRow: Encodable {
        let version: String
        let url: String
        let ring: String
        let ringLabel: String
        let when: String
        let reports: Int
        let average: String?
        let popcorn: String?
    }

    struct ChangeRow: Encodable {
        let id: Int
        let title: String
        let description: String
        let team: String
        let teamURL: String
        let module: String?
        let ideaURL: String?
        let credited: String?
        let creditedURL: String?
        let halfFinished: Bool
        let feedbackURL: String?
        let liked: Int
        let weak: Int
        let likedPercent: Int
        let weakPercent: Int
        let popcorn: Bool
    }

    static func trainStrip(_ product: Product, on req: Request, manage: Bool) async throws -> TrainStrip {
        let service = ReleasesService(req)
        let productID = try product.requireID()
        let status = try await ReleaseTrain(service).status(of: product)
        let calendar = status.calendar
        let zone = req.viewerTimeZone
        var popcorn: PopcornLink?
        if let latest = try await service.latestPopcorn(of: productID) {
            popcorn = PopcornLink(title: latest.change.title, version: latest.release.version, url: SiteURL.release(.value(latest.release.id ?? 0)).path)
        }
        var ringBox: WeeklyRingBox?
        if let viewer = req.currentUser, let viewerID = viewer.id, try await PyramidService(req).privileges(of: viewerID).weeklyBuilds {
            ringBox = .init(member: try await ReleasesPolicy.isInWeeklyRing(viewerID, product: productID, on: req.db), action: SiteURL.productWeeklyRing(product.slug).path)
        }
        return TrainStrip(
            cadence: req.t(calendar.cadence.labelKey), trainWeek: status.trainWeek,
            nextTrainWeek: status.next.map { DateDisplay.day($0, req.locale, zone) },
            phases: status.phases.map { state in
                let runState = state.run?.state ?? (state.at <= req.now ? "due" : "scheduled")
                return PhaseRow(
                    label: req.t(state.phase.labelKey), when: DateDisplay.dateTime(state.at, req.locale, zone), state: runState,
                    stateLabel: req.t("releases.phase_state.\(runState)"), releaseURL: state.run?.releaseID.map { SiteURL.release(.value($0)).path },
                    triggerAction: manage && state.run == nil ? SiteURL.productTrain(product.slug).path : nil, phase: state.phase.rawValue)
            },
            releasesURL: SiteURL.productReleases(product.slug).path, popcorn: popcorn, weeklyRing: ringBox)
    }

    /// `popcorn`: the winning changes' titles by id (`ReleasesService.popcornTitles`).
    static func row(_ release: Release, popcorn: [Int: String], on req: Request) -> ReleaseRow {
        ReleaseRow(
            version: release.version, url: SiteURL.release(.value(release.id ?? 0)).path, ring: release.ring.rawValue, ringLabel: req.t(release.ring.labelKey),
            when: DateDisplay.day(release.weeklyAt ?? release.createdAt, req.locale, req.viewerTimeZone), reports: release.reportCount,
            average: release.averageRating.map { String(format: "%.2f", $0) },
            popcorn: release.popcornChangeID.flatMap { popcorn[$0] })
    }

    static func changeRows(_ changes: [ReleaseChange], release: Release, credited: [Int: User], modules: [ProductModule], product: Product, on req: Request) -> [ChangeRow] {
        let reports = max(release.reportCount, 1)
        return changes.map { change in
            let user = change.id.flatMap { credited[$0] }
            return ChangeRow(
                id: change.id ?? 0, title: change.title, description: change.description, team: change.team, teamURL: teamURL(product.slug, change.team),
                module: modules.first { $0.id == change.$module.id }?.name(req.locale), ideaURL: change.$idea.id.map { SiteURL.idea(.value($0)).path },
                credited: user?.name, creditedURL: user?.id.map { SiteURL.profile(.value($0)).path }, halfFinished: change.halfFinished,
                feedbackURL: change.feedbackThreadID.map { SiteURL.thread(.value($0)).path }, liked: change.likedCount, weak: change.weakCount,
                likedPercent: change.likedCount * 100 / reports, weakPercent: change.weakCount * 100 / reports, popcorn: release.popcornChangeID == change.id)
        }
    }

    static func teamURL(_ slug: String, _ team: String) -> String {
        SiteURL.productTeam(slug).path + "?name=" + (team.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
}

extension ReleaseViews {
    struct IndexEntry: Encodable {
        let name: String
        let icon: String
        let releasesURL: String
        let feedURL: String
        let latest: ReleaseRow?
    }

    struct IndexContext: Encodable {
        let layout: PageLayout
        let products: [IndexEntry]
        let feedURL: String
    }

    struct WeeklyRingBox: Encodable {
        let member: Bool
        let action: String
    }

    struct CalendarForm: Encodable {
        struct Slot: Encodable {
            let phase: String
            let label: String
            let weekdays: [IdeaViews.Option]
            let time: String
        }

        let action: String
        let cadences: [IdeaViews.Option]
        let reportDays: Int
        let slots: [Slot]
    }

    struct ProductContext: Encodable {
        let layout: PageLayout
        let csrf: String?
        let product: IdeaViews.ProductLink
        let train: TrainStrip
        let newReleaseAction: String?
        let calendarForm: CalendarForm?
        let releases: [ReleaseRow]
        let feedURL: String
        let notice: String?
        let error: String?
    }

    struct ReportForm: Encodable {
        let action: String
        let changes: [IdeaViews.Option]
        let weakChanges: [IdeaViews.Option]
        let ideas: [IdeaViews.Option]
        let text: String
        let ratings: [IdeaViews.Option]
        let editing: Bool
        let closes: String
    }

    struct StaffForms: Encodable {
        let changeAction: String?
        let modules: [IdeaViews.Option]
        let promoteAction: String?
        let rings: [IdeaViews.Option]
        let rolloutAction: String?
        let rolloutPaused: Bool
        let closeReportAction: String?
    }

    struct ShowContext: Encodable {
        let layout: PageLayout
        let csrf: String?
        let product: IdeaViews.ProductLink
        let releasesURL: String
        let version: String
        let ring: String
        let ringLabel: String
        let created: String
        let published: String?
        let notesHTML: String
        let downloadURL: String?
        /// For those outside the build's ring: why there is no download.
        let ringNote: String?
        let threadURL: String?
        let previewURL: String?
        let rollout: String?
        let reportState: String
        let changes: [ChangeRow]
        /// Bugs this build fixes, each crediting its reporter.
        let fixedBugs: [FixedBug]
        let popcorn: String?
        let resultsURL: String
        let report: ReportForm?
        let loginURL: String?
        let staff: StaffForms?
        let error: String?
        let notice: String?
    }

    struct FixedBug: Encodable {
        let title: String
        let url: String
        let reporter: String
        let reporterURL: String
    }

    struct Bar: Encodable {
        let label: String
        let count: Int
        let percent: Int
    }

    struct AnticipatedRow: Encodable {
        let title: String
        let url: String
        let count: Int
    }

    struct ResultsContext: Encodable {
        let layout: PageLayout
        let product: IdeaViews.ProductLink
        let releaseURL: String
        let version: String
        let reportState: String
        let reports: Int
        let average: String?
        let ratings: [Bar]
        let changes: [ChangeRow]
        let popcorn: String?
        let popcornTeam: String?
        let anticipated: [AnticipatedRow]
        let freeText: Int
        let trendSVG: String
        let summaryURL: String
    }

    struct TeamChangeRow: Encodable {
        let title: String
        let version: String
        let releaseURL: String
        let liked: Int
        let weak: Int
    }

    struct TeamContext: Encodable {
        let layout: PageLayout
        let product: IdeaViews.ProductLink
        let team: String
        let liked: Int
        let weak: Int
        let popcorn: [TeamChangeRow]
        let recent: [TeamChangeRow]
        let workList: [TeamChangeRow]?
    }

    static func teamRows(_ rows: [ReleasesService.TeamChange]) -> [TeamChangeRow] {
        rows.map {
            TeamChangeRow(
                title: $0.change.title, version: $0.release.version, releaseURL: SiteURL.release(.value($0.release.id ?? 0)).path,
                liked: $0.change.likedCount, weak: $0.change.weakCount)
        }
    }
}
