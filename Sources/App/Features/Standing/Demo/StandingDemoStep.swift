import Fluent
import Foundation
import SQLKit

/// Credits histories, check-in streaks and the pyramid for the demo members. Activity is made to
/// fit a believable shape (most users, fewer fans, some core fans, a few honorary developers);
/// then the real review and the real application flow put everyone in their tier.
struct StandingDemoStep: DemoStep {
    var title: String { "standing" }

    func units(_ context: DemoContext) -> Int { context.memberIDs.count + 2 }

    private enum Target { case user, fan, coreFan, honorary, applicant }

    func seed(_ context: DemoContext) async throws {
        let now = context.now
        let calendar = CommunityCalendar(timeZone: context.app.config.timeZone)
        var entries: [CreditEntry] = []
        var checkIns: [CheckIn] = []
        var honorary: [Int] = []
        var applicants: [Int] = []
        let users = try await User.query(on: context.db).filter(\.$id ~~ context.memberIDs).all()
        for user in users {
            let id = try user.requireID()
            let roll = Double.random(in: 0..<1, using: &context.random)
            // The printed demo fan has applied to the honorary dev group, so a visitor logging in
            // as staff finds an application to review.
            let target: Target = user.email == Self.applicantEmail ? .applicant
                : roll < 0.58 ? .user : roll < 0.83 ? .fan : roll < 0.95 ? .coreFan : roll < 0.98 ? .honorary : .applicant
            let age = now.timeIntervalSince(user.createdAt)
            let credits: Int
            switch target {
            case .user: credits = Int.random(in: 0...45, using: &context.random)
            case .fan: credits = Int.random(in: 50...190, using: &context.random)
            case .coreFan: credits = Int.random(in: 200...480, using: &context.random)
            case .honorary, .applicant: credits = Int.random(in: 520...2400, using: &context.random)
            }
            // Threads (+2) and replies (+1) spread over the member's life; active tiers have recent ones.
            var remaining = credits
            var index = 0
            let recentShare = target == .user || target == .fan ? 0.1 : 0.4
            while remaining > 0 {
                let isThread = remaining >= 2 && context.random.chance(0.3)
                let recent = context.random.chance(recentShare)
                let span = recent ? min(age, 25 * 86_400) : age
                let when = now.addingTimeInterval(-Double.random(in: 0...max(1, span), using: &context.random))
                let action = isThread ? CreditAction.newThread : CreditAction.reply
                entries.append(CreditEntry(
                    userID: id, currency: CreditRule.defaultCurrency, amount: isThread ? 2 : 1, rule: action, reason: "",
                    source: "demo:\(action):\(id):\(index)", idempotencyKey: "\(action):\(id):demo:\(index)", capKey: nil,
                    actorID: nil, createdAt: when))
                remaining -= isThread ? 2 : 1
                index += 1
            }
            // A check-in streak ending today or yesterday, longer for the more active.
            let streakLength: Int = switch target {
            case .user: context.random.chance(0.3) ? Int.random(in: 1...5, using: &context.random) : 0
            case .fan: Int.random(in: 0...12, using: &context.random)
            case .coreFan, .honorary, .applicant: Int.random(in: 10...45, using: &context.random)
            }
            let endsToday = context.random.chance(0.5)
            for offset in 0..<streakLength {
                let daysBack = streakLength - 1 - offset + (endsToday ? 0 : 1)
                let date = now.addingTimeInterval(-Double(daysBack) * 86_400)
                guard date > user.createdAt else { continue }
                let day = calendar.day(of: date)
                checkIns.append(CheckIn(userID: id, day: day, streak: offset + 1, createdAt: date))
                entries.append(CreditEntry(
                    userID: id, currency: CreditRule.defaultCurrency, amount: 2, rule: CreditAction.dailyCheckIn, reason: "",
                    source: "check_in:\(day)", idempotencyKey: "\(CreditAction.dailyCheckIn):\(id):check_in:\(day)",
                    capKey: "\(CreditAction.dailyCheckIn):\(id):\(day):1", actorID: nil, createdAt: date))
            }
            if target == .honorary { honorary.append(id) }
            if target == .applicant { applicants.append(id) }
            context.progress.advance()
        }
        try await insert(entries, checkIns, on: context.db)
        try await insertLeaderboardTotals(entries, checkIns, calendar: calendar, on: context.db)
        context.progress.advance()

        let pyramid = PyramidService(db: context.db, clock: context.app.clock, timeZone: context.app.config.timeZone)
        _ = try await pyramid.reviewChanged()
        let staff = try await User.query(on: context.db).filter(\.$role ~~ [.staff, .admin]).all()
        for member in staff {
            try await pyramid.setTier(try member.requireID(), to: .coreTeam, reason: "invited")
        }
        if let reviewer = staff.first(where: { $0.role == .staff }) ?? staff.first {
            for id in honorary + applicants {
                guard let application = try? await pyramid.apply(id, statement: context.random.pick(Self.statements)) else { continue }
                if honorary.contains(id) {
                    _ = try await pyramid.decide(try application.requireID(), approve: true, note: context.random.pick(Self.welcomes), reviewer: reviewer)
                }
            }
            // A few medals given by hand, as staff do.
            let medals = MedalService(db: context.db, clock: context.app.clock, timeZone: context.app.config.timeZone)
            for (key, reason) in Self.handMedals {
                for _ in 0..<3 {
                    try? await medals.grantByHand(key, to: context.random.pick(context.memberIDs), reason: reason, by: reviewer)
                }
            }
        }
        context.progress.advance()
    }

    /// Bulk inserts in chunks, then balances summed from the ledger in one statement.
    private func insert(_ entries: [CreditEntry], _ checkIns: [CheckIn], on db: any Database) async throws {
        for chunk in stride(from: 0, to: entries.count, by: 500) {
            try await Array(entries[chunk..<min(chunk + 500, entries.count)]).create(on: db)
        }
        for chunk in stride(from: 0, to: checkIns.count, by: 500) {
            try await Array(checkIns[chunk..<min(chunk + 500, checkIns.count)]).create(on: db)
        }
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("""
            INSERT INTO credit_balances (user_id, currency, balance)
            SELECT user_id, currency, SUM(amount) FROM credit_entries GROUP BY user_id, currency
            """).run()
    }

    /// What the ledger writes keep current one entry at a time, computed here for the bulk insert.
    private func insertLeaderboardTotals(_ entries: [CreditEntry], _ checkIns: [CheckIn], calendar: CommunityCalendar, on db: any Database) async throws {
        var totals: [String: [Int: Int]] = [:]
        for entry in entries where entry.amount > 0 {
            let periods = calendar.periods(of: entry.createdAt)
            for period in [periods.week, periods.month] { totals[period, default: [:]][entry.$user.id, default: 0] += entry.amount }
        }
        var rows: [CreditPeriodTotal] = []
        for (period, byUser) in totals.sorted(by: { $0.key < $1.key }) {
            for (userID, total) in byUser.sorted(by: { $0.key < $1.key }) {
                let row = CreditPeriodTotal()
                row.currency = CreditRule.defaultCurrency
                row.period = period
                row.$user.id = userID
                row.total = total
                rows.append(row)
            }
        }
        for chunk in stride(from: 0, to: rows.count, by: 500) { try await Array(rows[chunk..<min(chunk + 500, rows.count)]).create(on: db) }
        var longest: [Int: Int] = [:]
        for checkIn in checkIns { longest[checkIn.$user.id] = max(longest[checkIn.$user.id] ?? 0, checkIn.streak) }
        let streaks = longest.sorted(by: { $0.key < $1.key }).map { userID, value -> MemberStreak in
            let row = MemberStreak()
            row.$user.id = userID
            row.longest = value
            return row
        }
        for chunk in stride(from: 0, to: streaks.count, by: 500) { try await Array(streaks[chunk..<min(chunk + 500, streaks.count)]).create(on: db) }
    }

    static let applicantEmail = "fan@canyu.example"

    static let statements = [
        "我每周五都刷开发版,提交过三十多个带日志的 bug,希望能更早参与内测。",
        "负责我们城市同城会的测试小组,整理过相机模块的问题汇总。",
        "I have filed dozens of reproducible bug reports with logs and I test every Friday build.",
        "I maintain a community FAQ on battery life and would love to help with closed betas.",
    ]

    static let handMedals = [
        ("helpful_member", "在帮助区解答了很多新人的问题"), ("best_newcomer", "Great first month: clear bug reports"),
        ("promoter", "带来了一批同城米粉"), ("active_member", "Active every week for a year"),
    ]

    static let welcomes = ["欢迎加入荣誉开发组!", "Welcome to the honorary dev group!", "谢谢你一直以来的反馈。"]
}
