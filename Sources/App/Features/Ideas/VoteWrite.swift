import Fluent
import Foundation
import SQLKit

/// One member's vote on its way in. Written through `GroupCommitKind`: alone, by guarded SQL
/// that is exact under any concurrency; in a batch (SQLite's single writer, whose transaction no
/// other write can interleave), by a few statements that cover the whole batch. The weight and
/// the budget of open votes come from the voter's tier, read in the same transaction (one query
/// for a whole batch).
struct VoteWrite: Sendable {
    let ideaID: Int
    let userID: Int
    let at: Date

    /// What the voter's tier gives: the weight of a vote, and how many open votes they may hold
    /// (nil: no limit).
    struct Allowance {
        let weight: Int
        let budget: Int?

        init(_ privileges: PyramidService.Privileges) {
            weight = max(privileges.voteWeight, 0)
            budget = privileges.openVoteBudget
        }

        /// The asked members' allowances, in one query; a member without tier rules gets
        /// standing's fallback.
        static func of(_ userIDs: [Int], on sql: any SQLDatabase) async throws -> @Sendable (Int) -> Allowance {
            let privileges = try await PyramidService.privileges(of: userIDs, on: sql)
            return { Allowance(privileges[$0] ?? PyramidService.fallbackPrivileges) }
        }
    }

    enum Outcome: Sendable, Equatable {
        /// Counted; the idea's totals right after.
        case added(votes: Int, score: Int)
        /// The member already votes for it: nothing changed.
        case unchanged
        case closed
        case notFound
        case budgetSpent(Int)
    }

    static let kind = GroupCommitKind<VoteWrite, Outcome>(name: "idea_votes", maxBatch: 200) { writes, sql in
        if writes.count == 1 { return [try await one(writes[0], on: sql)] }
        return try await many(writes, on: sql)
    }

    /// Each step is a guarded statement, so this holds with concurrent transactions too
    /// (PostgreSQL); a refused vote is taken out again in the same transaction.
    private static func one(_ vote: VoteWrite, on sql: any SQLDatabase) async throws -> Outcome {
        let allowance = try await Allowance.of([vote.userID], on: sql)(vote.userID)
        // Inserted only while the idea is open: the status needs no read of its own first.
        let added = try await sql.raw("""
            INSERT INTO idea_votes (idea_id, user_id, weight, open, created_at)
            SELECT \(bind: vote.ideaID), \(bind: vote.userID), \(bind: allowance.weight), \(bind: true), \(bind: vote.at)
            FROM ideas WHERE id = \(bind: vote.ideaID) AND status IN (\(binds: IdeaStatus.open.map(\.rawValue)))
            ON CONFLICT (idea_id, user_id) DO NOTHING RETURNING id
            """).first()
        guard added != nil else { return try await notAdded(vote, on: sql) }
        try await sql.raw("INSERT INTO idea_voters (user_id, open_votes) VALUES (\(bind: vote.userID), 0) ON CONFLICT (user_id) DO NOTHING").run()
        // Unlimited budgets still count their open votes (for when the tier changes).
        let taken = try await sql.raw("""
            UPDATE idea_voters SET open_votes = open_votes + 1
            WHERE user_id = \(bind: vote.userID) AND open_votes < \(bind: allowance.budget ?? Int(Int32.max)) RETURNING open_votes
            """).first()
        guard taken != nil else {
            try await remove(vote, on: sql)
            return .budgetSpent(allowance.budget ?? 0)
        }
        guard let totals = try await IdeasService.move(vote.ideaID, votes: 1, score: allowance.weight, onlyOpen: true, on: sql) else {
            try await remove(vote, on: sql)
            try await sql.raw("UPDATE idea_voters SET open_votes = open_votes - 1 WHERE user_id = \(bind: vote.userID)").run()
            return .closed
        }
        try await sql.raw("INSERT INTO idea_follows (idea_id, user_id) VALUES (\(bind: vote.ideaID), \(bind: vote.userID)) ON CONFLICT (idea_id, user_id) DO NOTHING").run()
        return .added(votes: totals.votes, score: totals.score)
    }

    /// Why a vote was not inserted: no such idea, a closed one, or a vote already there.
    private static func notAdded(_ vote: VoteWrite, on sql: any SQLDatabase) async throws -> Outcome {
        guard let row = try await sql.raw("SELECT status FROM ideas WHERE id = \(bind: vote.ideaID)").first() else { return .notFound }
        return try row.decode(column: "status", as: IdeaStatus.self).isOpen ? .unchanged : .closed
    }

    private static func remove(_ vote: VoteWrite, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM idea_votes WHERE idea_id = \(bind: vote.ideaID) AND user_id = \(bind: vote.userID)").run()
    }

    /// A batch in one transaction of the single writer: read the ideas (statuses and totals) and
    /// the voters' allowances, insert what is new for open ideas, read the voters' budgets, take
    /// back what they refuse, then write budgets, totals, ranks and follows. Reading then
    /// writing is exact here only because no other write can interleave with this transaction.
    private static func many(_ votes: [VoteWrite], on sql: any SQLDatabase) async throws -> [Outcome] {
        struct Pair: Hashable { let idea: Int, user: Int }
        var outcome = [Outcome?](repeating: nil, count: votes.count)
        var firstOf: [Pair: Int] = [:]
        for (index, vote) in votes.enumerated() where firstOf[Pair(idea: vote.ideaID, user: vote.userID)] == nil {
            firstOf[Pair(idea: vote.ideaID, user: vote.userID)] = index
        }
        // Only votes for open ideas are inserted; the others are answered from the statuses.
        struct IdeaNow { let status: IdeaStatus, votes: Int, score: Int, createdAt: Date }
        var ideas: [Int: IdeaNow] = [:]
        for row in try await sql.raw("""
            SELECT id, status, vote_count, weighted_score, created_at FROM ideas WHERE id IN (\(binds: Array(Set(votes.map(\.ideaID)))))
            """).all() {
            ideas[try row.decode(column: "id", as: Int.self)] = IdeaNow(
                status: try row.decode(column: "status", as: IdeaStatus.self), votes: try row.decode(column: "vote_count", as: Int.self),
                score: try row.decode(column: "weighted_score", as: Int.self), createdAt: try row.decode(column: "created_at", as: Date.self))
        }
        var tried: [Int] = []
        for index in firstOf.values.sorted() {
            switch ideas[votes[index].ideaID]?.status {
            case nil: outcome[index] = .notFound
            case let status? where !status.isOpen: outcome[index] = .closed
            default: tried.append(index)
            }
        }
        guard !tried.isEmpty else { return votes.indices.map { outcome[$0] ?? .unchanged } }

        let allowance = try await Allowance.of(tried.map { votes[$0].userID }, on: sql)
        let insert = sql.insert(into: IdeaVote.schema).columns("idea_id", "user_id", "weight", "open", "created_at")
        for index in tried {
            let vote = votes[index]
            insert.values(SQLBind(vote.ideaID), SQLBind(vote.userID), SQLBind(allowance(vote.userID).weight), SQLBind(true), SQLBind(vote.at))
        }
        let inserted = try await insert.ignoringConflicts(with: ["idea_id", "user_id"]).returning("idea_id", "user_id").all()
            .reduce(into: Set<Pair>()) { $0.insert(Pair(idea: try $1.decode(column: "idea_id", as: Int.self), user: try $1.decode(column: "user_id", as: Int.self))) }

        let userIDs = Array(Set(tried.map { votes[$0].userID }))
        var used = try await sql.raw("SELECT user_id, open_votes FROM idea_voters WHERE user_id IN (\(binds: userIDs))").all()
            .reduce(into: [Int: Int]()) { $0[try $1.decode(column: "user_id", as: Int.self)] = try $1.decode(column: "open_votes", as: Int.self) }

        var refused: [Pair] = []
        var accepted: [Int] = []
        for index in tried {
            let vote = votes[index]
            let pair = Pair(idea: vote.ideaID, user: vote.userID)
            guard inserted.contains(pair) else { outcome[index] = .unchanged; continue }
            if let budget = allowance(vote.userID).budget, used[vote.userID, default: 0] >= budget {
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
                perIdea[votes[index].ideaID, default: (0, 0)].score += allowance(votes[index].userID).weight
            }
            let voters = sql.insert(into: "idea_voters").columns("user_id", "open_votes")
            for (user, count) in perUser { voters.values(SQLBind(user), SQLBind(count)) }
            try await voters.onConflict(with: ["user_id"]) {
                $0.set("open_votes", to: SQLBinaryExpression(SQLColumn("open_votes", table: "idea_voters"), .add, SQLExcludedColumn("open_votes")))
            }.run()

            // Totals and ranks as absolute values, from the statuses read above: nothing else
            // writes meanwhile.
            var totals: [Int: (votes: Int, score: Int, rank: Double)] = [:]
            for (id, delta) in perIdea {
                guard let idea = ideas[id] else { continue }
                let score = idea.score + delta.score
                totals[id] = (idea.votes + delta.votes, score, IdeaRanking.hot(score: score, createdAt: idea.createdAt))
            }
            var update = SQLQueryString("UPDATE ideas SET ")
            for (position, column) in ["vote_count", "weighted_score", "hot_rank"].enumerated() {
                update.appendLiteral((position == 0 ? "" : ", ") + column + " = CASE id")
                for (id, total) in totals {
                    update.appendLiteral(" WHEN ")
                    update.appendInterpolation(bind: id)
                    update.appendLiteral(" THEN ")
                    switch column {
                    case "vote_count": update.appendInterpolation(bind: total.votes)
                    case "weighted_score": update.appendInterpolation(bind: total.score)
                    default: update.appendInterpolation(bind: total.rank)
                    }
                }
                update.appendLiteral(" ELSE " + column + " END")
            }
            update.appendLiteral(" WHERE id IN (")
            update.appendInterpolation(binds: Array(totals.keys))
            update.appendLiteral(")")
            try await sql.raw(update).run()

            let follows = sql.insert(into: "idea_follows").columns("idea_id", "user_id")
            for index in accepted { follows.values(SQLBind(votes[index].ideaID), SQLBind(votes[index].userID)) }
            try await follows.ignoringConflicts(with: ["idea_id", "user_id"]).run()
            for index in accepted {
                let idea = totals[votes[index].ideaID] ?? (0, 0, 0)
                outcome[index] = .added(votes: idea.votes, score: idea.score)
            }
        }
        // A repeat of a vote in the same batch changed nothing itself.
        return votes.indices.map { outcome[$0] ?? .unchanged }
    }
}
