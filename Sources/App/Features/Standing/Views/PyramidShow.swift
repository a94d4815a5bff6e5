import Fluent
import Vapor

/// The public pyramid page, and the staff's review queue beside it.
enum PyramidShow {
    struct Board: Encodable {
        let title: String
        let unit: String
        let entries: [Entry]
    }

    struct Entry: Encodable {
        let rank: Int
        let name: String
        let url: String
        let value: String
    }

    struct Context: Encodable {
        let layout: PageLayout
        let chartSVG: String
        let boards: [Board]
        let staffURL: String?
    }

    static func context(on req: Request, section: NavSection) async throws -> Context {
        let counts = try await StandingCaches.pyramidCounts(on: req.application, now: req.now)
        let number: (Int) -> String = { $0.formatted(.number.locale(req.locale.foundationLocale)) }
        var boards: [Board] = []
        for board in Leaderboard.allCases {
            let entries = try await StandingCaches.leaderboard(board, on: req.application, now: req.now)
            boards.append(Board(
                title: req.t("pyramid.board.\(board.rawValue)"),
                unit: req.t(board == .streaks ? "pyramid.unit.days" : "pyramid.unit.credits"),
                entries: entries.enumerated().map { index, entry in
                    Entry(rank: index + 1, name: entry.name, url: SiteURL.profile(.value(entry.user_id)).path, value: number(entry.value))
                }))
        }
        return Context(
            layout: req.layout(title: req.t("pyramid.title"), section: section),
            chartSVG: PyramidChart.svg(counts: Tier.allCases.map { (req.t($0.labelKey), number(counts[$0] ?? 0)) }),
            boards: boards,
            staffURL: PyramidPolicy.canSeeStaffQueue(req.currentUser) ? SiteURL.pyramidReview.path : nil)
    }
}

enum PyramidReviewShow {
    struct Application: Encodable {
        let applicant: String
        let applicantURL: String
        let statement: String
        let submitted: String
        let decideURL: String
    }

    struct Change: Encodable {
        let member: String
        let memberURL: String
        let change: String
        let reason: String
        let when: String
    }

    struct Waiting: Encodable {
        let member: String
        let memberURL: String
        let tier: String
        let since: String
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let notice: String?
        let applications: [Application]
        let changes: [Change]
        let waiting: [Waiting]
    }

    static func context(on req: Request) async throws -> Context {
        let locale = req.locale
        let zone = req.viewerTimeZone
        let pyramid = PyramidService(req)
        let weekStart = pyramid.weekStart(containing: req.now)
        let changes = try await TierChange.query(on: req.db).filter(\.$createdAt >= weekStart)
            .sort(\.$createdAt, .descending).limit(200).with(\.$user).all()
        let waiting = try await TierQueueEntry.query(on: req.db).sort(\.$queuedAt).limit(200).with(\.$user).all()
        let notice = req.query[String.self, at: "notice"].flatMap { ["approved", "declined"].contains($0) ? req.t("pyramid.review.notice.\($0)") : nil }
        return Context(
            layout: req.layout(title: req.t("pyramid.review.title")),
            csrf: try await req.csrfToken(),
            notice: notice,
            applications: try await pyramid.pendingApplications().map { application in
                Application(
                    applicant: application.user.name, applicantURL: SiteURL.profile(.value(application.$user.id)).path,
                    statement: application.statement, submitted: DateDisplay.dateTime(application.createdAt, locale, zone),
                    decideURL: SiteURL.pyramidDecide(.value(try application.requireID())).path)
            },
            changes: changes.map { change in
                Change(
                    member: change.user.name, memberURL: SiteURL.profile(.value(change.$user.id)).path,
                    change: req.t(change.fromTier.labelKey) + " → " + req.t(change.toTier.labelKey),
                    reason: req.t("tier.reason.\(change.reason)"), when: DateDisplay.dateTime(change.createdAt, locale, zone))
            },
            waiting: waiting.map { entry in
                Waiting(
                    member: entry.user.name, memberURL: SiteURL.profile(.value(entry.$user.id)).path,
                    tier: req.t(entry.tier.labelKey), since: DateDisplay.dateTime(entry.queuedAt, locale, zone))
            })
    }
}
