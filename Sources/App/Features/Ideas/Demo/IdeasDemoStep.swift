import Fluent
import Foundation
import SQLKit

/// Two products (a phone OS and a phone) with hundreds of ideas in both languages across every
/// status, votes that follow a long tail and respect each member's budget, a status history,
/// a roadmap, and two design polls: one open, one closed with a decision.
struct IdeasDemoStep: DemoStep {
    static let osIdeas = 300
    static let phoneIdeas = 120

    var title: String { "ideas" }

    func units(_ context: DemoContext) -> Int { 4 }

    func seed(_ context: DemoContext) async throws {
        let db = context.db
        guard let sql = db as? any SQLDatabase, let staffID = context.staffIDs.first, let staff = try await User.find(staffID, on: db) else { return }
        let service = IdeasService(context.app)
        let forum = ForumService(context.app)
        let os = try await service.createProduct(
            .init(slug: "aurora-os", nameZh: "极光 OS", nameEn: "Aurora OS", descriptionZh: "每周五更新的手机系统。", descriptionEn: "The phone OS that updates every Friday.",
                  icon: "🌌", modules: [
                    .init(key: "camera", nameZh: "相机", nameEn: "Camera", team: "Camera team"),
                    .init(key: "battery", nameZh: "电池", nameEn: "Battery", team: "Power team"),
                    .init(key: "system-ui", nameZh: "系统界面", nameEn: "System UI", team: "UI team"),
                    .init(key: "lock-screen", nameZh: "锁屏", nameEn: "Lock screen", team: "UI team"),
                    .init(key: "messages", nameZh: "短信", nameEn: "Messages", team: "Apps team"),
                  ]),
            by: staff)
        let phone = try await service.createProduct(
            .init(slug: "aurora-1", nameZh: "极光 1", nameEn: "Aurora 1", descriptionZh: "我们的第一台手机。", descriptionEn: "Our first phone.", icon: "📱",
                  modules: [
                    .init(key: "camera", nameZh: "相机", nameEn: "Camera", team: "Camera team"),
                    .init(key: "display", nameZh: "屏幕", nameEn: "Display", team: "Hardware team"),
                    .init(key: "audio", nameZh: "音频", nameEn: "Audio", team: "Hardware team"),
                    .init(key: "battery", nameZh: "电池", nameEn: "Battery", team: "Power team"),
                  ]),
            by: staff)
        context.progress.advance()

        // Each member's tier weight, and how many open votes they hold (10 at most: every tier's budget).
        let weights = try await sql.raw("""
            SELECT t.user_id, r.vote_weight FROM member_tiers t JOIN tier_rules r ON r.tier = t.tier
            """).all().reduce(into: [Int: Int]()) { $0[try $1.decode(column: "user_id", as: Int.self)] = try $1.decode(column: "vote_weight", as: Int.self) }
        var openVotes: [Int: Int] = [:]
        let statuses: [(IdeaStatus, Double)] = [(.proposed, 0.5), (.underReview, 0.15), (.planned, 0.1), (.inProgress, 0.07), (.inBeta, 0.05), (.shipped, 0.08), (.declined, 0.05)]
        for (product, count, subjects) in [(os, Self.osIdeas, IdeasDemoText.osSubjects), (phone, Self.phoneIdeas, IdeasDemoText.phoneSubjects)] {
            let modules = Dictionary(try await service.modules(of: product.requireID()).map { ($0.key, $0.id ?? 0) }, uniquingKeysWith: { first, _ in first })
            var votes: [(idea: Int, user: Int, weight: Int, open: Bool, at: Date)] = []
            for _ in 0..<count {
                let english = context.random.chance(0.3)
                let subject = context.random.pick(subjects)
                let wish = english ? context.random.pick(IdeasDemoText.wishesEn) : context.random.pick(IdeasDemoText.wishesZh)
                let title = wish.replacingOccurrences(of: "{0}", with: english ? subject.2 : subject.1)
                let body = english ? context.random.pick(IdeasDemoText.bodiesEn) : context.random.pick(IdeasDemoText.bodiesZh)
                let created = context.now.addingTimeInterval(-Double.random(in: 3600...(120 * 86400), using: &context.random))
                var roll = Double.random(in: 0..<1, using: &context.random)
                let status = statuses.first { roll -= $0.1; return roll < 0 }?.0 ?? .proposed
                let idea = Idea(productID: try product.requireID(), moduleID: modules[subject.0], authorID: context.random.pick(context.memberIDs),
                                title: title, body: body, bodyHTML: ForumMarkdown.html(body), createdAt: created)
                idea.status = status
                idea.statusChangedAt = status == .proposed ? created : created.addingTimeInterval(context.now.timeIntervalSince(created) * 0.6)
                try await idea.create(on: db)
                let ideaID = try idea.requireID()
                if let boardID = product.boardID {
                    let opening = body + "\n\n[\(title)](\(SiteURL.idea(.value(ideaID)).path))"
                    let thread = try await forum.openDiscussion(in: boardID, by: idea.$author.id, title: title, body: opening, at: created)
                    try await sql.raw("UPDATE ideas SET thread_id = \(bind: thread.requireID()) WHERE id = \(bind: ideaID)").run()
                }
                // A long tail: most ideas get a handful of votes, a few get hundreds.
                let wanted = Int(pow(Double.random(in: 0..<1, using: &context.random), 4) * 300)
                var voters = Set<Int>()
                for _ in 0..<wanted {
                    let voter = context.random.pick(context.memberIDs)
                    guard voter != idea.$author.id, !voters.contains(voter) else { continue }
                    if status.isOpen {
                        guard openVotes[voter, default: 0] < 10 else { continue }
                        openVotes[voter, default: 0] += 1
                    }
                    voters.insert(voter)
                    votes.append((ideaID, voter, weights[voter] ?? 1, status.isOpen, created.addingTimeInterval(Double.random(in: 60...86400, using: &context.random))))
                }
                let score = voters.reduce(0) { $0 + (weights[$1] ?? 1) }
                try await sql.raw("""
                    UPDATE ideas SET vote_count = \(bind: voters.count), weighted_score = \(bind: score),
                    hot_rank = \(bind: IdeaRanking.hot(score: score, createdAt: created)) WHERE id = \(bind: ideaID)
                    """).run()
                if status != .proposed {
                    let note = context.random.pick(IdeasDemoText.notesZh)
                    try await IdeaStatusChange(ideaID: ideaID, from: .proposed, to: status, note: status == .declined ? IdeasDemoText.notesZh[4] : note,
                                               actorID: staffID, createdAt: idea.statusChangedAt).create(on: db)
                }
            }
            for chunk in stride(from: 0, to: votes.count, by: 400) {
                let insert = sql.insert(into: IdeaVote.schema).columns("idea_id", "user_id", "weight", "open", "created_at")
                for vote in votes[chunk..<min(chunk + 400, votes.count)] {
                    insert.values(SQLBind(vote.idea), SQLBind(vote.user), SQLBind(vote.weight), SQLBind(vote.open), SQLBind(vote.at))
                }
                try await insert.run()
            }
            context.progress.advance()
        }
        for (member, count) in openVotes {
            try await sql.raw("INSERT INTO idea_voters (user_id, open_votes) VALUES (\(bind: member), \(bind: count))").run()
        }
        // `WHERE true`: without it SQLite reads ON CONFLICT as part of the SELECT's join.
        try await sql.raw("INSERT INTO idea_follows (idea_id, user_id) SELECT id, author_id FROM ideas WHERE true ON CONFLICT (idea_id, user_id) DO NOTHING").run()
        try await sql.raw("INSERT INTO idea_follows (idea_id, user_id) SELECT idea_id, user_id FROM idea_votes WHERE true ON CONFLICT (idea_id, user_id) DO NOTHING").run()
        // Authors of accepted and shipped ideas were credited, as the real service would have.
        let standing = StandingService(context.app)
        for idea in try await Idea.query(on: db).filter(\.$status ~~ [.planned, .inProgress, .inBeta, .shipped]).all() {
            _ = try await standing.award(CreditAction.ideaAccepted, to: idea.$author.id, source: "idea:\(idea.id ?? 0)", actorID: staffID)
            if idea.status == .shipped {
                _ = try await standing.award(CreditAction.ideaShipped, to: idea.$author.id, source: "idea:\(idea.id ?? 0)", actorID: staffID)
            }
        }
        try await seedPolls(context, product: os, staff: staff)
        context.progress.advance()
    }

    private func seedPolls(_ context: DemoContext, product: Product, staff: User) async throws {
        let polls = DesignPollService(context.app)
        let voters = try await User.query(on: context.db).filter(\.$id ~~ Array(context.memberIDs.prefix(80))).all()
        let beta = try await Idea.query(on: context.db).filter(\.$product.$id == product.requireID()).filter(\.$status == .inBeta)
            .sort(\.$weightedScore, .descending).first()
        let closed = try await polls.create(
            in: product,
            .init(question: "锁屏时钟用哪种字体？ Which typeface for the lock screen clock?", description: "三个方案都已在内测版里试过。",
                  options: [.init(title: "圆体 Rounded", description: "柔和、亲切"), .init(title: "黑体 Sans", description: "清晰、稳重"),
                            .init(title: "衬线 Serif", description: "优雅、有质感")],
                  opensAt: context.now.addingTimeInterval(-10 * 86400), closesAt: context.now.addingTimeInterval(86400), halfFinished: true,
                  ideaID: beta?.id),
            by: staff)
        let closedOptions = try await polls.options(of: closed.requireID())
        for (index, voter) in voters.prefix(60).enumerated() {
            let english = index % 3 == 0
            let option = closedOptions[[0, 0, 1, 0, 2, 1][index % 6]]
            try await polls.vote(closed.requireID(), option: option.id, reason: english ? IdeasDemoText.reasonsEn[index % 4] : IdeasDemoText.reasonsZh[index % 4], by: voter)
        }
        _ = try await polls.close(
            closed.requireID(), decision: "采用圆体，并吸收黑体在小字号下的清晰度。 We chose Rounded, with the Sans cut's legibility at small sizes.",
            option: closedOptions[0].id, by: staff)
        let open = try await polls.create(
            in: product,
            .init(question: "新的主题色选哪个？ Which accent colour for the next release?", description: "投票一周后结束。",
                  options: [.init(title: "橙 Orange"), .init(title: "青 Teal"), .init(title: "紫 Violet")],
                  opensAt: context.now.addingTimeInterval(-86400), closesAt: context.now.addingTimeInterval(6 * 86400)),
            by: staff)
        let openOptions = try await polls.options(of: open.requireID())
        for (index, voter) in voters.dropFirst(60).prefix(15).enumerated() {
            try await polls.vote(open.requireID(), option: openOptions[index % 3].id, reason: IdeasDemoText.reasonsZh[index % 4], by: voter)
        }
    }
}
