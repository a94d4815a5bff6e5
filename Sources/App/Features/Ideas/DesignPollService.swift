import Fluent
import Foundation
import SQLKit
import Vapor

/// Design polls: staff publish options, members pick one with a reason, staff close with a
/// decision that voters hear about.
struct DesignPollService {
    struct OptionInput: Sendable {
        var title: String?
        var description: String?
        var imageURL: String?
    }

    struct PollInput: Sendable {
        var question: String?
        var description: String?
        var options: [OptionInput] = []
        var opensAt: Date?
        var closesAt: Date?
        var tiers: [Tier] = []
        var resultsAfterClose = false
        var halfFinished = false
        /// The idea (feature) it is about; it must belong to the same product.
        var ideaID: Int?
    }

    struct Results: Sendable {
        let poll: DesignPoll
        let options: [DesignPollOption]
        /// The viewer's choice, if they voted.
        let choice: Int?
        let showsResults: Bool
        /// A few reasons per option, newest first, once results show.
        let reasons: [Int: [(name: String, reason: String)]]
    }

    static let reasonLength = 10...1000
    static let optionCount = 2...6

    let db: any Database
    let clock: any AppClock
    let timeZone: TimeZone
    let mail: NotificationService.Mail

    init(_ req: Request) {
        db = req.db
        clock = req.application.clock
        timeZone = req.application.config.timeZone
        mail = .init(req.application)
    }

    init(_ app: Application) {
        db = app.db
        clock = app.clock
        timeZone = app.config.timeZone
        mail = .init(app)
    }

    private var sql: any SQLDatabase { db as! any SQLDatabase }

    func create(in product: Product, _ input: PollInput, by actor: User) async throws -> DesignPoll {
        guard IdeasPolicy.canManageProducts(actor) else { throw CoreError.forbidden }
        let question = try FieldRules.text(input.question, "question", 4...200)
        let description = try FieldRules.text(input.description ?? "", "description", 0...2000)
        guard Self.optionCount.contains(input.options.count) else {
            throw CoreError.invalidField(field: "options", messageKey: "ideas.invalid.options", arguments: ["2", "6"])
        }
        let options = try input.options.map { option -> (String, String, String) in
            let image = (option.imageURL ?? "").trimmingCharacters(in: .whitespaces)
            guard image.isEmpty || (image.hasPrefix(SiteURL.uploadsPrefix) && UploadStore.isValidName(String(image.dropFirst(SiteURL.uploadsPrefix.count)))) else {
                throw CoreError.invalidField(field: "options", messageKey: "ideas.invalid.image")
            }
            return (try FieldRules.text(option.title, "options", 1...80), try FieldRules.text(option.description ?? "", "options", 0...500), image)
        }
        if let ideaID = input.ideaID {
            guard let idea = try await Idea.find(ideaID, on: db), idea.$product.id == product.id else {
                throw CoreError.invalidField(field: "idea_id", messageKey: "ideas.invalid.poll_idea")
            }
        }
        let now = clock.now()
        let opensAt = input.opensAt ?? now
        let closesAt = input.closesAt ?? opensAt.addingTimeInterval(7 * 24 * 3600)
        guard closesAt > opensAt, closesAt.timeIntervalSince(opensAt) <= 366 * 24 * 3600 else {
            throw CoreError.invalidField(field: "closes_at", messageKey: "ideas.invalid.closes_at")
        }
        let poll = DesignPoll()
        poll.$product.id = try product.requireID()
        poll.question = question
        poll.description = description
        poll.opensAt = opensAt
        poll.closesAt = closesAt
        poll.tiers = Set(input.tiers).count == Tier.allCases.count ? "" : input.tiers.map(\.rawValue).joined(separator: ",")
        poll.resultsAfterClose = input.resultsAfterClose
        poll.halfFinished = input.halfFinished
        poll.ideaID = input.ideaID
        poll.voteCount = 0
        poll.$creator.id = try actor.requireID()
        poll.createdAt = now
        try await db.transaction { tx in
            try await poll.create(on: tx)
            for (index, option) in options.enumerated() {
                try await DesignPollOption(pollID: try poll.requireID(), position: index + 1, title: option.0, description: option.1, imageURL: option.2).create(on: tx)
            }
        }
        return poll
    }

    func polls(of product: Product) async throws -> [DesignPoll] {
        try await DesignPoll.query(on: db).filter(\.$product.$id == product.requireID()).sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(100).all()
    }

    func polls(about ideaID: Int) async throws -> [DesignPoll] {
        try await DesignPoll.query(on: db).filter(\.$ideaID == ideaID).sort(\.$createdAt, .descending).all()
    }

    func poll(_ id: Int) async throws -> DesignPoll {
        guard let poll = try await DesignPoll.find(id, on: db) else { throw CoreError.notFound }
        return poll
    }

    func options(of pollID: Int) async throws -> [DesignPollOption] {
        try await DesignPollOption.query(on: db).filter(\.$poll.$id == pollID).sort(\.$position).all()
    }

    /// One vote per member, with a reason, from an allowed tier, while the poll is open.
    func vote(_ pollID: Int, option optionID: Int?, reason rawReason: String?, by user: User) async throws {
        let poll = try await poll(pollID)
        let now = clock.now()
        if poll.isClosed(at: now) { throw IdeaError.pollClosed }
        guard poll.isOpen(at: now) else { throw IdeaError.pollNotOpen }
        let userID = try user.requireID()
        let allowed = poll.allowedTiers
        if !allowed.isEmpty {
            let tier = try await PyramidService(db: db, clock: clock, timeZone: timeZone).tier(of: userID)
            guard allowed.contains(tier) else { throw IdeaError.tierMayNotVote(allowed.map(\.rawValue).joined(separator: ", ")) }
        }
        guard let optionID, let option = try await DesignPollOption.find(optionID, on: db), option.$poll.id == pollID else {
            throw CoreError.invalidField(field: "option_id", messageKey: "ideas.invalid.option")
        }
        let reason = (rawReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.reasonLength.contains(reason.count) else {
            throw CoreError.invalidField(field: "reason", messageKey: "ideas.invalid.reason", arguments: ["10", "1000"])
        }
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let added = try await sql.raw("""
                INSERT INTO design_poll_votes (poll_id, option_id, user_id, reason, created_at)
                VALUES (\(bind: pollID), \(bind: optionID), \(bind: userID), \(bind: reason), \(bind: now))
                ON CONFLICT (poll_id, user_id) DO NOTHING RETURNING id
                """).first()
            guard added != nil else { throw IdeaError.alreadyVotedInPoll }
            try await sql.raw("UPDATE design_poll_options SET vote_count = vote_count + 1 WHERE id = \(bind: optionID)").run()
            try await sql.raw("UPDATE design_polls SET vote_count = vote_count + 1 WHERE id = \(bind: pollID)").run()
        }
    }

    /// The poll as the viewer may see it; `withReasons` adds a few reasons per option (the poll's
    /// page shows them; the API does not carry them).
    func results(_ pollID: Int, for viewerID: Int?, withReasons: Bool = true) async throws -> Results {
        let poll = try await poll(pollID)
        let options = try await options(of: pollID)
        var choice: Int?
        if let viewerID {
            choice = try await sql.raw("SELECT option_id FROM design_poll_votes WHERE poll_id = \(bind: pollID) AND user_id = \(bind: viewerID)").first()?
                .decode(column: "option_id", as: Int.self)
        }
        let closed = poll.isClosed(at: clock.now())
        let shows = closed || (choice != nil && !poll.resultsAfterClose)
        var reasons: [Int: [(name: String, reason: String)]] = [:]
        if shows, withReasons {
            let rows = try await sql.raw("""
                SELECT v.option_id, v.reason, u.name FROM design_poll_votes v JOIN users u ON u.id = v.user_id
                WHERE v.poll_id = \(bind: pollID) ORDER BY v.id DESC LIMIT 60
                """).all()
            for row in rows {
                let option = try row.decode(column: "option_id", as: Int.self)
                guard (reasons[option]?.count ?? 0) < 5 else { continue }
                reasons[option, default: []].append((try row.decode(column: "name", as: String.self), try row.decode(column: "reason", as: String.self)))
            }
        }
        // Hidden results hide the counts too, so the page cannot leak them.
        if !shows { options.forEach { $0.voteCount = 0 } }
        return Results(poll: poll, options: options, choice: choice, showsResults: shows, reasons: reasons)
    }

    /// Staff close the poll with a decision: one option, or a synthesis described in the note.
    func close(_ pollID: Int, decision rawDecision: String?, option optionID: Int?, by actor: User) async throws -> DesignPoll {
        guard IdeasPolicy.canManageProducts(actor) else { throw CoreError.forbidden }
        let poll = try await poll(pollID)
        guard poll.closedAt == nil else { throw IdeaError.pollClosed }
        let decision = try FieldRules.text(rawDecision, "decision", 1...2000)
        if let optionID {
            guard let option = try await DesignPollOption.find(optionID, on: db), option.$poll.id == pollID else {
                throw CoreError.invalidField(field: "option_id", messageKey: "ideas.invalid.option")
            }
        }
        let now = clock.now()
        let closed = try await sql.raw("""
            UPDATE design_polls SET closed_at = \(bind: now), decision = \(bind: decision), decided_option_id = \(bind: optionID)
            WHERE id = \(bind: pollID) AND closed_at IS NULL RETURNING id
            """).first()
        guard closed != nil else { throw IdeaError.pollClosed }
        let voters = try await sql.raw("SELECT user_id FROM design_poll_votes WHERE poll_id = \(bind: pollID)").all()
            .map { try $0.decode(column: "user_id", as: Int.self) }
        try await NotificationService(db: db, clock: clock, mail: mail).notify(
            voters.filter { $0 != actor.id }, .pollDecided, actor: actor, subject: poll.question, url: SiteURL.poll(.value(pollID)).path)
        return try await self.poll(pollID)
    }
}
