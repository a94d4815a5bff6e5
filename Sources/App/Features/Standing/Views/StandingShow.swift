import Vapor

/// "My standing": credits and their history, level and the way to the next, check-in.
enum StandingShow {
    struct Day: Encodable {
        let label: String
        let checked: Bool
        let today: Bool
    }

    struct Row: Encodable {
        let when: String
        let amount: String
        let positive: Bool
        let rule: String
        let source: String
    }

    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let notice: String?
        let credits: String
        let levelName: String
        let stars: String
        let nextLevelName: String?
        let creditsToNext: String?
        let percent: Int
        let checkedInToday: Bool
        let streak: Int
        let longestStreak: Int
        let checkInAction: String
        let monthTitle: String
        let weekdays: [String]
        let leadingBlanks: [Int]
        let days: [Day]
        let rows: [Row]
        let rules: [Option]
        let pageLabel: String
        let previousURL: String?
        let nextURL: String?
        let tier: TierCard.Context
        let pyramidURL: String
        var error: FormError? = nil
    }

    static func context(on req: Request, user: User) async throws -> Context {
        let userID = try user.requireID()
        let service = StandingService(req)
        let locale = req.locale
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let rule = req.query[String.self, at: "rule"].flatMap { $0.isEmpty ? nil : $0 }
        let summary = try await service.summary(of: userID)
        let ruleActions = try await CreditRule.query(on: req.db).sort(\.$id).all(\.$action) + [CreditAction.manual]
        let ledger = try await service.ledgerPage(of: userID, rule: rule, page: page)
        let now = req.now
        let calendar = service.calendar
        let checked = try await service.checkInDays(of: userID, inMonthOf: now)
        let today = calendar.day(of: now)
        let pages = max(1, (ledger.total + ledger.perPage - 1) / ledger.perPage)
        func pageURL(_ number: Int) -> String {
            SiteURL.standing.path + "?page=\(number)" + (rule.map { "&rule=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        }
        let notice: String? = switch req.query[String.self, at: "notice"] {
        case "checked_in": req.t("standing.notice.checked_in", String(summary.streak))
        case "applied": req.t("standing.notice.applied")
        case "quit": req.t("standing.notice.quit")
        default: nil
        }
        let number: (Int) -> String = { $0.formatted(.number.locale(locale.foundationLocale)) }
        return Context(
            layout: req.layout(title: req.t("standing.title")),
            csrf: try await req.csrfToken(),
            notice: notice,
            credits: number(summary.credits),
            levelName: summary.progress.level.name(locale),
            stars: String(repeating: "★", count: summary.progress.level.stars),
            nextLevelName: summary.progress.next?.name(locale),
            creditsToNext: summary.progress.creditsToNext.map(number),
            percent: summary.progress.percent,
            checkedInToday: summary.checkedInToday,
            streak: summary.streak,
            longestStreak: summary.longestStreak,
            checkInAction: SiteURL.standingCheckIn.path,
            monthTitle: DateDisplay.month(now, locale, req.application.config.timeZone),
            weekdays: (1...7).map { req.t("standing.weekday.\($0)") },
            leadingBlanks: Array(0..<calendar.mondayOffsetOfFirstDay(containing: now)),
            days: calendar.daysOfMonth(containing: now).map { day in
                Day(label: String(Int(day.suffix(2)) ?? 0), checked: checked.contains(day), today: day == today)
            },
            rows: ledger.entries.map { entry in
                Row(
                    when: DateDisplay.dateTime(entry.createdAt, locale, req.viewerTimeZone),
                    amount: (entry.amount > 0 ? "+" : "") + String(entry.amount),
                    positive: entry.amount >= 0,
                    rule: req.t("standing.rule.\(entry.rule)"),
                    source: entry.reason.isEmpty ? entry.source : entry.reason)
            },
            rules: [Option(value: "", label: req.t("standing.ledger.all_rules"), selected: rule == nil)]
                + ruleActions.map { Option(value: $0, label: req.t("standing.rule.\($0)"), selected: rule == $0) },
            pageLabel: req.t("standing.ledger.page", String(min(page, pages)), String(pages)),
            previousURL: page > 1 ? pageURL(page - 1) : nil,
            nextURL: page < pages ? pageURL(page + 1) : nil,
            tier: try await TierCard.context(on: req, userID: userID),
            pyramidURL: SiteURL.pyramid.path)
    }
}

extension CommunityCalendar {
    /// How many cells come before the 1st in a Monday-first week.
    func mondayOffsetOfFirstDay(containing date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let first = calendar.dateInterval(of: .month, for: date)?.start else { return 0 }
        return (calendar.component(.weekday, from: first) + 5) % 7
    }
}
