import Fluent
import Foundation
import SQLKit

extension IdeasService {
    struct VoteState: Sendable {
        let voted: Bool
        let voteCount: Int
        let weightedScore: Int
    }

    /// One vote per member per idea, weighted by the member's tier, within their budget of open
    /// votes. The vote row, the budget and the idea's totals change together, by guarded SQL (or,
    /// on SQLite's single writer, in batches with other votes; see `VoteWrite`), so they stay
    /// exact however many votes arrive at once. Voting again changes nothing.
    func vote(_ ideaID: Int, by user: User) async throws -> VoteState {
        let userID = try user.requireID()
        let write = VoteWrite(ideaID: ideaID, userID: userID, at: clock.now())
        switch try await db.groupCommit(VoteWrite.kind, write) {
        case .added(let votes, let score): return VoteState(voted: true, voteCount: votes, weightedScore: score)
        case .unchanged: return try await state(of: ideaID, for: userID)
        case .closed: throw IdeaError.ideaClosed
        case .notFound: throw CoreError.notFound
        case .budgetSpent(let budget): throw IdeaError.budgetSpent(budget)
        }
    }

    /// Takes a vote back while the idea is open; its budget slot comes back with it.
    func withdrawVote(_ ideaID: Int, by user: User) async throws -> VoteState {
        let userID = try user.requireID()
        _ = try await status(of: ideaID)
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            guard let removed = try await sql.raw("""
                DELETE FROM idea_votes WHERE idea_id = \(bind: ideaID) AND user_id = \(bind: userID) AND open = \(bind: true) RETURNING weight
                """).first()
            else {
                // A closed idea's votes stay as its record; there is nothing open to take back.
                let kept = try await sql.raw("SELECT 1 AS yes FROM idea_votes WHERE idea_id = \(bind: ideaID) AND user_id = \(bind: userID)").first()
                if kept != nil { throw IdeaError.ideaClosed }
                return
            }
            let weight = try removed.decode(column: "weight", as: Int.self)
            try await sql.raw("UPDATE idea_voters SET open_votes = open_votes - 1 WHERE user_id = \(bind: userID)").run()
            _ = try await Self.move(ideaID, votes: -1, score: -weight, onlyOpen: false, on: sql)
        }
        return try await state(of: ideaID, for: userID)
    }

    /// An idea's totals, and whether this member votes for it (SQL: every vote answers with it).
    func state(of ideaID: Int, for userID: Int?) async throws -> VoteState {
        guard let row = try await sql.raw("""
            SELECT i.vote_count, i.weighted_score,
              (SELECT COUNT(*) FROM idea_votes v WHERE v.idea_id = i.id AND v.user_id = \(bind: userID ?? 0)) AS voted
            FROM ideas i WHERE i.id = \(bind: ideaID)
            """).first()
        else { throw CoreError.notFound }
        return VoteState(
            voted: try row.decode(column: "voted", as: Int.self) > 0, voteCount: try row.decode(column: "vote_count", as: Int.self),
            weightedScore: try row.decode(column: "weighted_score", as: Int.self))
    }

    /// An idea's status; not found if there is no such idea.
    func status(of ideaID: Int) async throws -> IdeaStatus {
        guard let row = try await sql.raw("SELECT status FROM ideas WHERE id = \(bind: ideaID)").first() else { throw CoreError.notFound }
        return try row.decode(column: "status", as: IdeaStatus.self)
    }

    /// Open votes a member holds now, and how many their tier allows (nil: no limit).
    func budget(of userID: Int) async throws -> (used: Int, budget: Int?) {
        let used = try await sql.raw("SELECT open_votes FROM idea_voters WHERE user_id = \(bind: userID)").first()?
            .decode(column: "open_votes", as: Int.self) ?? 0
        return (used, try await pyramid.privileges(of: userID).openVoteBudget)
    }

    /// Moves an idea's totals and re-ranks it; returns the totals, or nil when `onlyOpen` and
    /// the idea has closed meanwhile. The rank is written only if the score is still the one it
    /// was computed from: of two concurrent votes, the later one's rank stands.
    @discardableResult
    static func move(_ ideaID: Int, votes: Int, score: Int, onlyOpen: Bool, on sql: any SQLDatabase) async throws -> (votes: Int, score: Int)? {
        let open = onlyOpen ? IdeaStatus.open.map(\.rawValue) : IdeaStatus.allCases.map(\.rawValue)
        guard let row = try await sql.raw("""
            UPDATE ideas SET vote_count = vote_count + \(bind: votes), weighted_score = weighted_score + \(bind: score)
            WHERE id = \(bind: ideaID) AND status IN (\(binds: open)) RETURNING vote_count, weighted_score, created_at
            """).first()
        else { return nil }
        let total = try row.decode(column: "weighted_score", as: Int.self)
        let rank = IdeaRanking.hot(score: total, createdAt: try row.decode(column: "created_at", as: Date.self))
        try await sql.raw("UPDATE ideas SET hot_rank = \(bind: rank) WHERE id = \(bind: ideaID) AND weighted_score = \(bind: total)").run()
        return (try row.decode(column: "vote_count", as: Int.self), total)
    }
}
