import Fluent
import Foundation
import SQLKit

/// Twelve weeks of Orange Fridays for each demo product: builds with changelogs linked to the
/// shipped demo ideas, release threads, four-grid results with one to two thousand reports each
/// (from the weekly testers, mostly quiet core fans made here), Popcorn Awards and their medals,
/// one stable build mid-rollout, and this week's build on its way through the train.
struct ReleasesDemoStep: DemoStep {
    static let testerCount = 1_800
    static let weeks = 12

    var title: String { "releases" }

    func units(_ context: DemoContext) -> Int { 2 + Self.weeks * 2 }

    func seed(_ context: DemoContext) async throws {
        let db = context.db
        guard let sql = db as? any SQLDatabase, let staffID = context.staffIDs.first, let staff = try await User.find(staffID, on: db) else { return }
        let testers = try await makeTesters(context, on: sql)
        let reporters = testers + context.memberIDs
        let service = ReleasesService(context.app)
        let products = try await Product.query(on: db).sort(\.$id).all()
        for product in products {
            let productID = try product.requireID()
            try await addTeam(context, product: productID, by: staff)
            for chunk in stride(from: 0, to: testers.count, by: 500) {
                let insert = sql.insert(into: WeeklyRingMember.schema).columns("product_id", "user_id", "joined_at")
                for tester in testers[chunk..<min(chunk + 500, testers.count)] { insert.values(SQLBind(productID), SQLBind(tester), SQLBind(context.now)) }
                try await insert.run()
            }
            let calendar = try await service.calendar(of: productID)
            calendar.createdAt = context.now.addingTimeInterval(-Double(Self.weeks + 1) * 7 * 86_400)
            try await calendar.update(on: db)
            let schedule = TrainSchedule(calendar: calendar, timeZone: context.app.config.timeZone)
            let thisWeek = schedule.weekStart(containing: context.now)
            var shipped = try await Idea.query(on: db).filter(\.$product.$id == productID).filter(\.$status == .shipped).sort(\.$id).all()
            let open = try await Idea.query(on: db).filter(\.$product.$id == productID).filter(\.$status ~~ IdeaStatus.open)
                .sort(\.$weightedScore, .descending).limit(12).all().compactMap(\.id)
            let modules = try await service.ideas.modules(of: productID)
            for weeksAgo in stride(from: Self.weeks, through: 1, by: -1) {
                let week = thisWeek.addingTimeInterval(-Double(weeksAgo) * 7 * 86_400)
                let friday = schedule.time(of: .release, inWeekOf: week)
                let version = product.slug == "aurora-os" ? "15.0.\(Self.weeks - weeksAgo + 1)" : "1.\(Self.weeks - weeksAgo + 1).0"
                let release = try await publishedBuild(
                    context, product: product, version: version, friday: friday, staff: staff, modules: modules, shipped: &shipped, service: service)
                context.progress.advance()
                try await fileReports(context, release: release, reporters: reporters, anticipated: open, opens: friday, on: sql)
                context.progress.advance()
                if weeksAgo == 7 || weeksAgo == 3 {
                    // Two builds went stable; the newer is still rolling out.
                    let stableAt = friday.addingTimeInterval(7 * 86_400)
                    let percent = weeksAgo == 7 ? 100 : 20
                    try await sql.raw("""
                        UPDATE releases SET ring = \(bind: ReleaseRing.stable.rawValue), stable_at = \(bind: stableAt), rollout_percent = \(bind: percent),
                        rollout_step = \(bind: ReleaseRules.rolloutStep(for: percent)),
                        rollout_next_at = \(bind: percent < 100 ? context.now.addingTimeInterval(ReleaseRules.rolloutStepInterval / 2) : nil)
                        WHERE id = \(bind: release.requireID())
                        """).run()
                }
            }
            // This week's build, on its way: the train takes it through the phases already due.
            let next = try await service.create(
                in: product, .init(version: product.slug == "aurora-os" ? "15.0.\(Self.weeks + 1)" : "1.\(Self.weeks + 1).0", notes: ReleasesDemoText.notes[0]), by: staff)
            try await sql.raw("UPDATE releases SET created_at = \(bind: thisWeek.addingTimeInterval(3_600)) WHERE id = \(bind: next.requireID())").run()
            for (index, title) in ReleasesDemoText.upcoming.enumerated() {
                let module = modules[index % modules.count]
                _ = try await service.addChange(to: next.requireID(), .init(title: title, moduleKey: module.key, halfFinished: index == 2), by: staff)
            }
        }
        try await service.closeDueReports()
        try await ReleaseTrain(service).tick()
        context.progress.advance()
    }

    /// Quiet weekly testers: core fans who flash every Friday build and file their report.
    private func makeTesters(_ context: DemoContext, on sql: any SQLDatabase) async throws -> [Int] {
        for chunk in stride(from: 0, to: Self.testerCount, by: 300) {
            let insert = sql.insert(into: User.schema)
                .columns("email", "email_key", "name", "name_key", "password_hash", "role", "bio", "created_at", "updated_at")
            for index in chunk..<min(chunk + 300, Self.testerCount) {
                let email = String(format: "tester%04d@canyu.example", index)
                let name = index % 3 == 0 ? String(format: "Tester %04d", index) : String(format: "内测米粉%04d", index)
                let joined = context.now.addingTimeInterval(-Double(200 + index % 300) * 86_400)
                insert.values(
                    SQLBind(email), SQLBind(AccountRules.emailKey(email)), SQLBind(name), SQLBind(AccountRules.nameKey(name)), SQLBind(context.passwordHash),
                    SQLBind(User.Role.member.rawValue), SQLBind(""), SQLBind(joined), SQLBind(joined))
            }
            try await insert.run()
        }
        let ids = try await sql.raw("SELECT id FROM users WHERE email LIKE 'tester%@canyu.example' ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let insert = sql.insert(into: MemberTier.schema).columns("user_id", "tier", "since", "missed_duty_weeks")
            for id in ids[chunk..<min(chunk + 500, ids.count)] {
                insert.values(SQLBind(id), SQLBind(Tier.coreFan.rawValue), SQLBind(context.now.addingTimeInterval(-120 * 86_400)), SQLBind(0))
            }
            try await insert.run()
        }
        context.progress.advance()
        return ids
    }

    /// A few members work on the product's module teams: the Popcorn medal goes to them.
    private func addTeam(_ context: DemoContext, product productID: Int, by staff: User) async throws {
        let modules = try await ProductModule.query(on: context.db).filter(\.$product.$id == productID).all()
        let ideas = IdeasService(context.app)
        for (index, module) in modules.enumerated() {
            let member = context.memberIDs[(index * 17 + productID * 5) % context.memberIDs.count]
            try await ideas.addTeamMember(member, to: productID, team: module.team, by: staff)
        }
    }

    private func publishedBuild(
        _ context: DemoContext, product: Product, version: String, friday: Date, staff: User, modules: [ProductModule], shipped: inout [Idea],
        service: ReleasesService
    ) async throws -> Release {
        let db = context.db
        let notes = context.random.pick(ReleasesDemoText.notes)
        let release = Release(
            productID: try product.requireID(), version: version, notes: notes, notesHTML: ForumMarkdown.html(notes),
            downloadURL: "https://downloads.canyu.example/\(product.slug)/\(version).zip", creatorID: try staff.requireID(), createdAt: friday.addingTimeInterval(-4 * 86_400))
        release.ring = .weekly
        release.weeklyAt = friday
        release.reportOpensAt = friday
        release.reportClosesAt = friday.addingTimeInterval(Double(ReleaseRules.reportDays) * 86_400)
        try await release.create(on: db)
        let releaseID = try release.requireID()
        let count = Int.random(in: 3...5, using: &context.random)
        var changes: [ReleaseChange] = []
        for position in 1...count {
            let idea = position <= 2 && !shipped.isEmpty ? shipped.removeFirst() : nil
            let module = idea.flatMap { idea in modules.first { $0.id == idea.$module.id } } ?? context.random.pick(modules)
            let title = idea?.title ?? context.random.pick(ReleasesDemoText.changes).replacingOccurrences(of: "{0}", with: module.nameZh)
            let change = ReleaseChange(
                releaseID: releaseID, position: position, title: title, description: context.random.pick(ReleasesDemoText.descriptions),
                moduleID: module.id, team: module.team, ideaID: idea?.id, halfFinished: position == count && context.random.chance(0.3))
            try await change.create(on: db)
            changes.append(change)
        }
        let credited = try await service.credits(of: changes)
        let thread = try await service.forum.openDiscussion(
            in: try await service.announcementBoard(for: product), by: try staff.requireID(), title: ReleaseAnnouncement.releaseTitle(release, product: product),
            body: ReleaseAnnouncement.releaseBody(release, product: product, changes: changes, credited: credited), at: friday)
        release.threadID = try thread.requireID()
        try await release.update(on: db)
        return release
    }

    /// One to two thousand reports: one change of each build is the crowd's favourite, ratings
    /// drift from build to build; then every count is taken from the reports, as filing keeps them.
    private func fileReports(_ context: DemoContext, release: Release, reporters: [Int], anticipated: [Int], opens: Date, on sql: any SQLDatabase) async throws {
        let releaseID = try release.requireID()
        let changes = try await ReleaseChange.query(on: context.db).filter(\.$release.$id == releaseID).sort(\.$position).all().compactMap(\.id)
        guard changes.count >= 2 else { return }
        let count = Int.random(in: 1_000...2_000, using: &context.random)
        let favourite = Int.random(in: 0..<changes.count, using: &context.random)
        let mean = Double.random(in: 3.2...4.4, using: &context.random)
        var pool = reporters
        pool.shuffle(using: &context.random)
        let window = Double(ReleaseRules.reportDays) * 86_400 * 0.9
        for chunk in stride(from: 0, to: min(count, pool.count), by: 400) {
            let insert = sql.insert(into: FourGridReport.schema).columns(
                "release_id", "user_id", "liked_change_id", "weak_change_id", "anticipated_idea_id", "anticipated_text", "rating", "created_at", "updated_at")
            for user in pool[chunk..<min(chunk + 400, count, pool.count)] {
                let liked = context.random.chance(0.55) ? favourite : Int.random(in: 0..<changes.count, using: &context.random)
                var weak = Int.random(in: 0..<changes.count, using: &context.random)
                if weak == liked { weak = (weak + 1) % changes.count }
                let writes = context.random.chance(0.12) || anticipated.isEmpty
                // A skew toward the most-voted ideas.
                let idea = writes ? nil : anticipated[Int(pow(Double.random(in: 0..<1, using: &context.random), 2) * Double(anticipated.count))]
                let rating = max(1, min(5, Int((mean + Double.random(in: -1.6...1.6, using: &context.random)).rounded())))
                let at = opens.addingTimeInterval(Double.random(in: 60...window, using: &context.random))
                insert.values(
                    SQLBind(releaseID), SQLBind(user), SQLBind(changes[liked]), SQLBind(changes[weak]), SQLBind(idea),
                    SQLBind(writes ? context.random.pick(ReleasesDemoText.wishes) : ""), SQLBind(rating), SQLBind(at), SQLBind(at))
            }
            try await insert.run()
        }
        try await ReleaseCounts.recount(releaseID, on: sql)
    }
}
