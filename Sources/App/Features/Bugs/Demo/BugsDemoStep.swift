import Fluent
import Foundation
import SQLKit

/// Hundreds of bugs per demo product, across statuses and severities: "me too" crowds on a
/// few hot ones, some confirmed by the crowd, some fixed in the demo releases and verified,
/// duplicates pointing at their originals. Rows are written in bulk, then every count and heat
/// is taken from them, as the tracker keeps them.
struct BugsDemoStep: DemoStep {
    static let bugsPerProduct = 300

    struct Seeded {
        let id: Int
        let status: BugStatus
        let build: Int
        let fixedIn: Int?
        let reporter: Int
    }

    var title: String { "bugs" }

    func units(_ context: DemoContext) -> Int { 4 }

    func seed(_ context: DemoContext) async throws {
        let db = context.db
        guard let sql = db as? any SQLDatabase, let staffID = context.staffIDs.first, let staff = try await User.find(staffID, on: db) else { return }
        let service = BugsService(context.app)
        let testers = try await sql.raw("SELECT id FROM users WHERE email LIKE 'tester%@canyu.example' ORDER BY id").all()
            .map { try $0.decode(column: "id", as: Int.self) }
        let people = context.memberIDs + testers
        guard people.count > 50 else { return }
        for product in try await Product.query(on: db).sort(\.$id).all() {
            let productID = try product.requireID()
            let modules = try await ProductModule.query(on: db).filter(\.$product.$id == productID).all()
            let builds = try await Release.query(on: db).filter(\.$product.$id == productID).filter(\.$ring ~~ [.weekly, .stable]).sort(\.$id).all()
            guard !builds.isEmpty else { continue }
            let subjects = (product.slug.hasPrefix("aurora") && modules.contains { $0.key == "system-ui" }) ? BugsDemoText.osSubjects : BugsDemoText.phoneSubjects
            var bugIDs: [Seeded] = []
            for index in 0..<Self.bugsPerProduct {
                let (key, zh, en) = context.random.pick(subjects)
                let english = index % 3 == 0
                let problem = Int.random(in: 0..<BugsDemoText.problemsZh.count, using: &context.random)
                let title = english ? "\(en) \(BugsDemoText.problemsEn[problem])" : "\(zh)\(BugsDemoText.problemsZh[problem])"
                let steps = context.random.pick(english ? BugsDemoText.stepsEn : BugsDemoText.stepsZh).replacingOccurrences(of: "{0}", with: english ? en : zh)
                let buildIndex = Int.random(in: 0..<builds.count, using: &context.random)
                let build = try builds[buildIndex].requireID()
                let created = (builds[buildIndex].weeklyAt ?? context.now).addingTimeInterval(Double.random(in: 3_600...(5 * 86_400), using: &context.random))
                let status = status(index, hasLaterBuild: buildIndex + 1 < builds.count, random: &context.random)
                let reporter = context.random.pick(people)
                let bug = Bug()
                bug.$product.id = productID
                bug.$module.id = modules.first { $0.key == key }?.id
                bug.releaseID = build
                bug.$reporter.id = reporter
                bug.title = title
                bug.steps = steps
                bug.expected = english ? "It works as usual." : "正常使用"
                bug.actual = english ? "It \(BugsDemoText.problemsEn[problem])." : "\(zh)\(BugsDemoText.problemsZh[problem])"
                bug.frequency = context.random.pick(BugFrequency.allCases)
                bug.deviceModel = context.random.pick(BugsDemoText.devices)
                bug.status = status
                bug.severity = status == .new ? nil : context.random.pick(BugSeverity.allCases)
                bug.fixedInReleaseID = [.fixed, .verified].contains(status) ? try builds[min(buildIndex + 1, builds.count - 1)].requireID() : nil
                bug.checkedOnReleaseID = status == .cannotReproduce ? build : nil
                (bug.meTooCount, bug.qualifiedMeTooCount, bug.duplicateCount, bug.followerCount, bug.verifiedCount) = (0, 0, 0, 0, 0)
                bug.fixRound = bug.fixedInReleaseID == nil ? 0 : 1
                bug.heatRank = 0
                bug.createdAt = min(created, context.now)
                bug.activeAt = bug.createdAt
                bug.statusChangedAt = bug.createdAt
                bug.confirmedAt = [.new, .cannotReproduce].contains(status) ? nil : bug.createdAt
                try await bug.create(on: db)
                bugIDs.append(Seeded(id: try bug.requireID(), status: status, build: build, fixedIn: bug.fixedInReleaseID, reporter: reporter))
            }
            context.progress.advance()
            try await addCrowds(context, bugs: bugIDs, people: people, sql: sql)
            try await addHistory(context, bugs: bugIDs, staffID: staffID, sql: sql)
            for bug in bugIDs { try await BugsService.recount(bug.id, at: context.now, on: sql) }
            // Recounting touched the last activity; the demo's is the last "me too".
            try await sql.raw("""
                UPDATE bugs SET active_at = COALESCE((SELECT MAX(created_at) FROM bug_me_toos m WHERE m.bug_id = bugs.id), created_at) WHERE product_id = \(bind: productID)
                """).run()
            for bug in bugIDs { try await BugsService.rerank(bug.id, touch: nil, on: sql) }
            try await BugTallies.rebuild(product: productID, on: sql)
            try await markDuplicates(bugIDs, by: staff, service: service)
            context.progress.advance()
        }
    }

    /// Mostly new and confirmed, then the later stages; a few duplicates are marked afterwards.
    private func status(_ index: Int, hasLaterBuild: Bool, random: inout SeededGenerator) -> BugStatus {
        let roll = Double.random(in: 0..<1, using: &random)
        switch roll {
        case ..<0.35: return .new
        case ..<0.55: return .confirmed
        case ..<0.65: return .inProgress
        case ..<0.75: return hasLaterBuild ? .fixed : .inProgress
        case ..<0.85: return hasLaterBuild ? .verified : .confirmed
        case ..<0.90: return .wontFix
        case ..<0.95: return .cannotReproduce
        default: return .confirmed
        }
    }

    /// "Me too"s (a long tail, with a few crowds of a hundred or more), followers who did not
    /// hit it themselves (a few per hot bug), and verifications of the verified fixes.
    private func addCrowds(_ context: DemoContext, bugs: [Seeded], people: [Int], sql: any SQLDatabase) async throws {
        for (position, bug) in bugs.enumerated() {
            let hot = position % 37 == 0
            var count = hot ? Int.random(in: 80...220, using: &context.random) : Int(pow(Double.random(in: 0..<1, using: &context.random), 3) * 12)
            // New bugs have fewer than the confirmation needs (else the crowd would have confirmed them).
            if bug.status == .new { count = min(count, BugRules.confirmMeToos - 1) }
            if bug.status != .new, bug.status != .cannotReproduce, !hot { count = max(count, 1) }
            guard count > 0 else { continue }
            var pool = people.filter { $0 != bug.reporter }
            pool.shuffle(using: &context.random)
            let members = Array(pool.prefix(count))
            let meToos = sql.insert(into: BugMeToo.schema).columns("bug_id", "user_id", "release_id", "device_model", "qualified", "created_at")
            for user in members {
                let at = context.now.addingTimeInterval(-Double.random(in: 3_600...(40 * 86_400), using: &context.random))
                meToos.values(SQLBind(bug.id), SQLBind(user), SQLBind(bug.build), SQLBind(context.random.pick(BugsDemoText.devices)), SQLBind(true), SQLBind(at))
            }
            try await meToos.run()
            if count > 20 {
                let followers = sql.insert(into: "bug_follows").columns("bug_id", "user_id")
                for user in pool.dropFirst(count).prefix(count / 10) { followers.values(SQLBind(bug.id), SQLBind(user)) }
                try await followers.run()
            }
            if bug.status == .verified {
                let verifications = sql.insert(into: "bug_verifications").columns("bug_id", "user_id", "fix_round", "release_id", "fixed", "created_at")
                let checkers = ([bug.reporter] + members).prefix(BugRules.verificationsNeeded)
                for user in checkers {
                    verifications.values(SQLBind(bug.id), SQLBind(user), SQLBind(1), SQLBind(bug.fixedIn ?? bug.build), SQLBind(true), SQLBind(context.now))
                }
                try await verifications.run()
                try await sql.raw("UPDATE bugs SET verified_count = \(bind: checkers.count) WHERE id = \(bind: bug.id)").run()
            }
        }
        context.progress.advance()
    }

    /// A few new bugs turn out to be duplicates of the hottest confirmed ones: marked through
    /// the tracker, so their members move as they would.
    private func markDuplicates(_ bugs: [Seeded], by staff: User, service: BugsService) async throws {
        let originals = bugs.filter { $0.status == .confirmed }.prefix(6)
        let candidates = bugs.filter { $0.status == .new }.suffix(originals.count)
        for (duplicate, original) in zip(candidates, originals) {
            _ = try await service.markDuplicate(duplicate.id, of: original.id, note: "同一个问题 · Same problem", by: staff)
        }
    }

    /// Each bug's path to its status, from the team (or the crowd, for confirmations).
    private func addHistory(_ context: DemoContext, bugs: [Seeded], staffID: Int, sql: any SQLDatabase) async throws {
        let path: [BugStatus: [BugStatus]] = [
            .confirmed: [.confirmed], .inProgress: [.confirmed, .inProgress], .fixed: [.confirmed, .inProgress, .fixed],
            .verified: [.confirmed, .inProgress, .fixed, .verified], .wontFix: [.confirmed, .wontFix], .cannotReproduce: [.cannotReproduce],
        ]
        let events = sql.insert(into: BugEvent.schema).columns("bug_id", "kind", "from_status", "to_status", "note", "actor_id", "created_at")
        var rows = 0
        for bug in bugs {
            var from = BugStatus.new
            for (step, to) in (path[bug.status] ?? []).enumerated() {
                let crowd = to == .confirmed && step == 0 && context.random.chance(0.5)
                let note = to == .wontFix ? context.random.pick(BugsDemoText.wontFixZh) : to == .cannotReproduce ? context.random.pick(BugsDemoText.cannotReproduceZh) : ""
                events.values(
                    SQLBind(bug.id), SQLBind((to == .confirmed && step == 0 ? BugEvent.Kind.confirmed : .status).rawValue), SQLBind(from.rawValue), SQLBind(to.rawValue),
                    SQLBind(crowd ? "crowd:\(BugRules.confirmMeToos)" : note), SQLBind(crowd || to == .verified ? nil : staffID),
                    SQLBind(context.now.addingTimeInterval(-Double(40 - step * 5) * 86_400)))
                from = to
                rows += 1
            }
        }
        if rows > 0 { try await events.run() }
        context.progress.advance()
    }
}
