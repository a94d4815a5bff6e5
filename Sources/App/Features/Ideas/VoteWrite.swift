import Fluent
import Foundation
import SQLKit

/// One member's vote on its way in, with the weight and budget their tier gives them. Written
/// through `GroupCommitKind`: alone, by guarded SQL that is exact under any concurrency; in a
/// batch (SQLite's single writer, whose transaction no other write can interleave), by a few
/// statements that cover the whole batch.
struct VoteWrite: Sendable {
    let ideaID: Int
    let userID: Int
    let weight: Int
    /// Open votes the member may hold; nil is unlimited.
    let budget: Int?
    let at: Date

    enum Outcome: Sendable, Equatable {
        /// Counted; the idea's totals right after.
        case added(votes: Int, score: Int)
        /// The member already votes for it: nothing changed.
        case unchanged
        case closed
        case budgetSpent(Int)
    }

    static let kind = GroupCommitKind<VoteWrite, Outcome>(name: "idea_votes", maxBatch: 200) { writes, tx in
        guard let sql = tx as? any SQLDatabase else { throw GroupCommitError(kind: "idea_votes") }
        if writes.count == 1 { return [try await one(writes[0], on: sql)] }
        return try await many(writes, on: sql)
    }

    /// Each step is a guarded statement, so this holds with concurrent transactions too
    /// (PostgreSQL); a refused vote is taken out again in the same transaction.
    private static func one(_ vote: VoteWrite, on sql: any SQLDatabase) async throws -> Outcome {
        let added = try await sql.raw("""
            INSERT INTO idea_votes (idea_id, user_id, weight, open, created_at)
            VALUES (\(bind: vote.ideaID), \(bind: vote.userID), \(bind: vote.weight), \(bind: true), \(bind: vote.at))
            ON CONFLICT (idea_id, user_id) DO NOTHING RETURNING id
            """).first()
        guard added != nil else { return .unchanged }
        try await sql.raw("INSERT INTO idea_voters (user_id, open_votes) VALUES (\(bind: vote.userID), 0) ON CONFLICT (user_id) DO NOTHING").run()
        // Unlimited budgets still count their open votes (for when the tier changes).
        let taken = try await sql.raw("""
            UPDATE idea_voters SET open_votes = open_votes + 1
            WHERE user_id = \(bind: vote.userID) AND open_votes < \(bind: vote.budget ?? Int(Int32.max)) RETURNING open_votes
            """).first()
        guard taken != nil else {
            try await remove(vote, on: sql)
            return .budgetSpent(vote.budget ?? 0)
        }
        guard let totals = try await IdeasService.move(vote.ideaID, votes: 1, score: vote.weight, onlyOpen: true, on: sql) else {
            try await remove(vote, on: sql)
            try await sql.raw("UPDATE idea_voters SET open_votes = open_votes - 1 WHERE user_id = \(bind: vote.userID)").run()
            return .closed
        }
        try await sql.raw("INSERT INTO idea_follows (idea_id, user_id) VALUES (\(bind: vote.ideaID), \(bind: vote.userID)) ON CONFLICT (idea_id, user_id) DO NOTHING").run()
        return .added(votes: totals.votes, score: totals.score)
    }

    private static func remove(_ vote: VoteWrite, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM idea_votes WHERE idea_id = \(bind: vote.ideaID) AND user_id = \(bind: vote.userID)").run()
    }

    /// A batch in one transaction of the single writer: insert what is new, read the ideas'
    /// statuses and the voters' budgets, take back what they refuse, then move budgets, totals,
    /// ranks and follows by the sums. Reading then writing is exact here only because no other
    /// write can interleave with this transaction.
    private static func many(_ votes: [VoteWrite], on sql: any SQLDatabase) async throws -> [Outcome] {
        struct Pair: Hashable { let idea: Int, user: Int }
        var outcome = [Outcome?](repeating: nil, count: votes.count)
        var firstOf: [Pair: Int] = [:]
        for (index, vote) in votes.enumerated() where firstOf[Pair(idea: vote.ideaID, user: vote.userID)] == nil {
            firstOf[Pair(idea: vote.ideaID, user: vote.userID)] = index
        }
        let tried = firstOf.values.sorted()

        let insert = sql.insert(into: IdeaVote.schema).columns("idea_id", "user_id", "weight", "open", "created_at")
        for index in tried {
            let vote = votes[index]
            insert.values(SQLBind(vote.ideaID), SQLBind(vote.userID), SQLBind(vote.weight), SQLBind(true), SQLBind(vote.at))
        }
        let inserted = try await insert.ignoringConflicts(with: ["idea_id", "user_id"]).returning("idea_id", "user_id").all()
            .reduce(into: Set<Pair>()) { $0.insert(Pair(idea: try $1.decode(column: "idea_id", as: Int.self), user: try $1.decode(column: "user_id", as: Int.self))) }

        let ideaIDs = Array(Set(tried.map { votes[$0].ideaID }))
        let userIDs = Array(Set(tried.map { votes[$0].userID }))
        let open = try await sql.raw("SELECT id, status FROM ideas WHERE id IN (\(binds: ideaIDs))").all()
            .reduce(into: Set<Int>()) { set, row in
                if try row.decode(column: "status", as: IdeaStatus.self).isOpen { set.insert(try row.decode(column: "id", as: Int.self)) }
            }
        var used = try await sql.raw("SELECT user_id, open_votes FROM idea_voters WHERE user_id IN (\(binds: userIDs))").all()
            .reduce(into: [Int: Int]()) { $0[try $1.decode(column: "user_id", as: Int.self)] = try $1.decode(column: "open_votes", as: Int.self) }

        var refused: [Pair] = []
        var accepted: [Int] = []
        for index in tried {
            let vote = votes[index]
            let pair = Pair(idea: vote.ideaID, user: vote.userID)
            guard inserted.contains(pair) else { outcome[index] = .unchanged; continue }
            if !open.contains(vote.ideaID) {
                outcome[index] = .closed
                refused.append(pair)
            } else if let budget = vote.budget, used[vote.userID, default: 0] >= budget {
                outcome[index] = .budgetSpent(budget)
                refused.append(pair)
            } else {
                used[vote.userID, default: 0] += 1
                accepted.append(index)
            }
        }
        if !refused.isEmpty {
            var delete = SQLQueryString("DELETE FROM idea_votes WHERE ")
            for (position, pair) in refused.enumerated() {
                delete.appendLiteral(position == 0 ? "(idea_id = " : " OR (idea_id = ")
                delete.appendInterpolation(bind: pair.idea)
                delete.appendLiteral(" AND user_id = ")
                delete.appendInterpolation(bind: pair.user)
                delete.appendLiteral(")")
            }
            try await sql.raw(delete).run()
        }
        if !accepted.isEmpty {
            var perUser: [Int: Int] = [:]
            var perIdea: [Int: (votes: Int, score: Int)] = [:]
            for index in accepted {
                perUser[votes[index].userID, default: 0] += 1
                perIdea[votes[index].ideaID, default: (0, 0)].votes += 1
                perIdea[votes[index].ideaID, default: (0, 0)].score += votes[index].weight
            }
            let voters = sql.insert(into: "idea_voters").columns("user_id", "open_votes")
            for (user, count) in perUser { voters.values(SQLBind(user), SQLBind(count)) }
            try await voters.onConflict(with: ["user_id"]) {
                $0.set("open_votes", to: SQLBinaryExpression(SQLColumn("open_votes", table: "idea_voters"), .add, SQLExcludedColumn("open_votes")))
            }.run()

            var update = SQLQueryString("UPDATE ideas SET vote_count = vote_count + CASE id")
            for (idea, delta) in perIdea { update.appendLiteral(" WHEN "); update.appendInterpolation(bind: idea); update.appendLiteral(" THEN "); update.appendInterpolation(bind: delta.votes) }
            update.appendLiteral(" ELSE 0 END, weighted_score = weighted_score + CASE id")
            for (idea, delta) in perIdea { update.appendLiteral(" WHEN "); update.appendInterpolation(bind: idea); update.appendLiteral(" THEN "); update.appendInterpolation(bind: delta.score) }
            update.appendLiteral(" ELSE 0 END WHERE id IN (")
            update.appendInterpolation(binds: Array(perIdea.keys))
            update.appendLiteral(") RETURNING id, vote_count, weighted_score, created_at")
            var totals: [Int: (votes: Int, score: Int)] = [:]
            var rank = SQLQueryString("UPDATE ideas SET hot_rank = CASE id")
            for row in try await sql.raw(update).all() {
                let id = try row.decode(column: "id", as: Int.self)
                let score = try row.decode(column: "weighted_score", as: Int.self)
                totals[id] = (try row.decode(column: "vote_count", as: Int.self), score)
                rank.appendLiteral(" WHEN ")
                rank.appendInterpolation(bind: id)
                rank.appendLiteral(" THEN ")
                rank.appendInterpolation(bind: IdeaRanking.hot(score: score, createdAt: try row.decode(column: "created_at", as: Date.self)))
            }
            rank.appendLiteral(" ELSE hot_rank END WHERE id IN (")
            rank.appendInterpolation(binds: Array(perIdea.keys))
            rank.appendLiteral(")")
            try await sql.raw(rank).run()

            let follows = sql.insert(into: "idea_follows").columns("idea_id", "user_id")
            for index in accepted { follows.values(SQLBind(votes[index].ideaID), SQLBind(votes[index].userID)) }
            try await follows.ignoringConflicts(with: ["idea_id", "user_id"]).run()
            for index in accepted {
                let idea = totals[votes[index].ideaID] ?? (0, 0)
                outcome[index] = .added(votes: idea.votes, score: idea.score)
            }
        }
        // A repeat of a vote in the same batch changed nothing itself.
        return votes.indices.map { outcome[$0] ?? .unchanged }
    }
}
