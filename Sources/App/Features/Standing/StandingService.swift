import Fluent
import Vapor

/// Standing: credits, levels and check-in. Other areas award credits only through here.
struct StandingService: CommunityService {
    struct LevelProgress: Sendable {
        let level: Level
        let next: Level?
        /// 0...100 toward the next level.
        let percent: Int
        let creditsToNext: Int?
    }

    struct Summary: Sendable {
        let credits: Int
        let progress: LevelProgress
        let streak: Int
        let longestStreak: Int
        let checkedInToday: Bool
    }

    struct CheckInResult: Sendable {
        let streak: Int
        let longestStreak: Int
        let creditsAwarded: Int
        let balance: Int
    }

    struct LedgerPage: Sendable {
        let entries: [CreditEntry]
        let page: Int
        let perPage: Int
        let total: Int
    }

    let db: any Database
    let clock: any AppClock
    let timeZone: TimeZone




    var ledger: CreditLedger { CreditLedger(db: db, clock: clock, timeZone: timeZone) }
    var calendar: CommunityCalendar { CommunityCalendar(timeZone: timeZone) }

    // MARK: Credits

    func award(_ action: String, to userID: Int, source: String, reason: String = "", actorID: Int? = nil) async throws -> CreditLedger.Outcome {
        try await ledger.award(action, to: userID, source: source, reason: reason, actorID: actorID)
    }

    static let adjustmentRange = -10_000...10_000

    /// Staff adjust a member's credits by hand, with a reason; a retried request (same key)
    /// applies once. Returns whether it applied now.
    func adjustByHand(_ userID: Int, by amount: Int, reason rawReason: String, key rawKey: String, staff: User) async throws -> Bool {
        guard PyramidPolicy.canReviewApplications(staff) else { throw CoreError.forbidden }
        guard amount != 0, Self.adjustmentRange.contains(amount) else {
            throw CoreError.invalidField(
                field: "amount", messageKey: "admin.invalid.number",
                arguments: [String(Self.adjustmentRange.lowerBound), String(Self.adjustmentRange.upperBound)])
        }
        let reason = try MedalService.validReason(rawReason)
        let key = rawKey.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(key.count) else {
            throw CoreError.invalidField(field: "idempotency_key", messageKey: "admin.invalid.text", arguments: ["1", "100"])
        }
        // An unknown member is a 404 from the ledger's batch, which checks it anyway.
        let outcome = try await ledger.adjust(userID, by: amount, reason: reason, key: key, actorID: try staff.requireID())
        return outcome == .awarded(amount: amount)
    }

    func ledgerPage(of userID: Int, rule: String? = nil, page requested: Int, perPage: Int = 20) async throws -> LedgerPage {
        let page = min(max(requested, 1), 1_000_000)
        let query = CreditEntry.query(on: db).filter(\.$user.$id == userID)
        if let rule, !rule.isEmpty { query.filter(\.$rule == rule) }
        let total = try await query.count()
        let entries = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending)
            .range(((page - 1) * perPage)..<(page * perPage)).all()
        return LedgerPage(entries: entries, page: page, perPage: perPage, total: total)
    }

    // MARK: Levels

    func levels() async throws -> [Level] {
        try await Level.query(on: db).sort(\.$minCredits).all()
    }

    func progress(for credits: Int) async throws -> LevelProgress {
        let levels = try await levels()
        guard let level = levels.last(where: { $0.minCredits <= credits }) ?? levels.first else {
            throw Abort(.internalServerError, reason: "no levels are defined")
        }
        let next = levels.first { $0.minCredits > credits }
        guard let next else { return LevelProgress(level: level, next: nil, percent: 100, creditsToNext: nil) }
        let floor = max(level.minCredits, 0)
        let span = max(1, next.minCredits - floor)
        let percent = min(100, max(0, (credits - floor) * 100 / span))
        return LevelProgress(level: level, next: next, percent: percent, creditsToNext: next.minCredits - credits)
    }

    // MARK: Check-in

    /// Once per calendar day in the community's time zone; the streak continues from yesterday.
    /// Simultaneous check-ins by one member meet the unique (member, day) row: one wins.
    func checkIn(_ userID: Int) async throws -> CheckInResult {
        let now = clock.now()
        let today = calendar.day(of: now)
        let yesterday = try await CheckIn.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$day == calendar.dayBefore(now)).first()
        let streak = (yesterday?.streak ?? 0) + 1
        if try await CheckIn.query(on: db).filter(\.$user.$id == userID).filter(\.$day == today).count() > 0 {
            throw StandingError.alreadyCheckedIn
        }
        let timeZone = self.timeZone
        let clock = self.clock
        let outcome: CreditLedger.Outcome
        do {
            outcome = try await db.transaction { tx in
                try await CheckIn(userID: userID, day: today, streak: streak, createdAt: now).create(on: tx)
                let record = try await MemberStreak.query(on: tx).filter(\.$user.$id == userID).first() ?? {
                    let row = MemberStreak()
                    row.$user.id = userID
                    row.longest = 0
                    return row
                }()
                if streak > record.longest {
                    record.longest = streak
                    try await record.save(on: tx)
                }
                return try await CreditLedger(db: tx, clock: clock, timeZone: timeZone)
                    .award(CreditAction.dailyCheckIn, to: userID, source: "check_in:\(today)")
            }
        } catch where isConstraintViolation(error) {
            throw StandingError.alreadyCheckedIn
        }
        let awarded = if case .awarded(let amount) = outcome { amount } else { 0 }
        // Streak medals (7, 30, 100 days) are earned the moment the streak reaches them.
        try await MedalService(db: db, clock: clock, timeZone: timeZone).evaluate(userID)
        return CheckInResult(
            streak: streak, longestStreak: try await longestStreak(of: userID), creditsAwarded: awarded,
            balance: try await ledger.balance(of: userID))
    }

    func longestStreak(of userID: Int) async throws -> Int {
        try await MemberStreak.query(on: db).filter(\.$user.$id == userID).first()?.longest ?? 0
    }

    /// The current streak: today's, else yesterday's (still alive until tonight), else 0.
    func currentStreak(of userID: Int) async throws -> (streak: Int, checkedInToday: Bool) {
        let now = clock.now()
        let recent = try await CheckIn.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$day ~~ [calendar.day(of: now), calendar.dayBefore(now)]).all()
        if let today = recent.first(where: { $0.day == calendar.day(of: now) }) { return (today.streak, true) }
        return (recent.first?.streak ?? 0, false)
    }

    func checkInDays(of userID: Int, inMonthOf date: Date) async throws -> Set<String> {
        let prefix = String(calendar.day(of: date).prefix(8))
        let rows = try await CheckIn.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$day, .contains(inverse: false, .prefix), prefix).all(\.$day)
        return Set(rows)
    }

    // MARK: Summary

    func summary(of userID: Int) async throws -> Summary {
        let credits = try await ledger.balance(of: userID)
        let (streak, today) = try await currentStreak(of: userID)
        return Summary(
            credits: credits, progress: try await progress(for: credits), streak: streak,
            longestStreak: try await longestStreak(of: userID), checkedInToday: today)
    }
}
