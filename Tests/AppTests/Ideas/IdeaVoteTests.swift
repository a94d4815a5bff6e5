import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Ideas: votes, weights and budgets")
struct IdeaVoteTests {
    @Test func a_vote_counts_once_with_the_tier_weight_and_can_be_withdrawn() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let idea = try await app.ideas.propose(in: fixture.product, moduleKey: "camera", title: "夜景模式更快一点", body: "按下快门要等太久", by: fixture.fan)
            let honorary = try await app.makeMembers(1, tier: .honoraryDeveloper, prefix: "dev")[0]
            let weight = try await PyramidService(app).privileges(of: honorary.requireID()).voteWeight
            #expect(weight > 1)
            let first = try await app.ideas.vote(idea.requireID(), by: honorary)
            let again = try await app.ideas.vote(idea.requireID(), by: honorary)
            #expect(first.voteCount == 1 && first.weightedScore == weight && first.voted)
            #expect(again.voteCount == 1 && again.weightedScore == weight)
            let withdrawn = try await app.ideas.withdrawVote(idea.requireID(), by: honorary)
            #expect(withdrawn.voteCount == 0 && withdrawn.weightedScore == 0 && !withdrawn.voted)
            #expect(try await app.ideas.budget(of: honorary.requireID()).used == 0)
            // Voting follows the idea.
            #expect(try await app.ideas.isFollowing(idea.requireID(), by: honorary.requireID()))
        }
    }

    @Test func the_budget_of_open_votes_holds_under_concurrency_and_comes_back_when_an_idea_closes() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            var ideas: [Idea] = []
            for index in 0..<14 {
                ideas.append(try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "想法 number \(index)", body: "", by: fixture.staff))
            }
            let voter = try await app.makeUser(email: "v@example.com", name: "Voter")
            // A user may hold 10 open votes: 14 at once give exactly 10.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for idea in ideas {
                    group.addTask {
                        do { _ = try await app.ideas.vote(idea.requireID(), by: voter); return true } catch IdeaError.budgetSpent(10) { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 10)
            #expect(try await app.ideas.budget(of: voter.requireID()).used == 10)
            let voted = try await IdeaVote.query(on: app.db).filter(\.$user.$id == voter.requireID()).all()
            #expect(voted.count == 10)
            // Declining one gives its vote back; the vote stays on the record, closed.
            let declined = try #require(voted.first).$idea.id
            _ = try await app.ideas.setStatus(declined, to: .declined, note: "不在计划内", by: fixture.staff)
            #expect(try await app.ideas.budget(of: voter.requireID()).used == 9)
            #expect(try await app.ideas.idea(declined).voteCount == 1)
            await #expect(throws: IdeaError.ideaClosed) { try await app.ideas.withdrawVote(declined, by: voter) }
            await #expect(throws: IdeaError.ideaClosed) { try await app.ideas.vote(declined, by: fixture.fan) }
        }
    }

    @Test func votes_arriving_together_on_open_closed_and_missing_ideas_each_get_their_answer() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let open = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "锁屏显示农历", body: "", by: fixture.staff).requireID()
            let declined = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "去掉状态栏", body: "", by: fixture.staff).requireID()
            _ = try await app.ideas.setStatus(declined, to: .declined, note: "状态栏要留着", by: fixture.staff)
            let voters = try await app.makeMembers(12)
            enum Answer: Equatable { case counted, closed, notFound }
            // Concurrent votes share a batch on SQLite: each must still get its own answer.
            let answers = try await withThrowingTaskGroup(of: (Int, Answer).self) { group in
                for voter in voters {
                    for idea in [open, declined, 999_999] {
                        group.addTask {
                            do { _ = try await app.ideas.vote(idea, by: voter); return (idea, .counted) }
                            catch IdeaError.ideaClosed { return (idea, .closed) }
                            catch CoreError.notFound { return (idea, .notFound) }
                        }
                    }
                }
                return try await group.reduce(into: [Int: [Answer]]()) { $0[$1.0, default: []].append($1.1) }
            }
            #expect(answers[open] == Array(repeating: .counted, count: 12))
            #expect(answers[declined] == Array(repeating: .closed, count: 12))
            #expect(answers[999_999] == Array(repeating: .notFound, count: 12))
            #expect(try await app.ideas.idea(open).voteCount == 12)
            #expect(try await app.ideas.idea(declined).voteCount == 0)
            for voter in voters { #expect(try await app.ideas.budget(of: voter.requireID()).used == 1) }
            let token = try await app.apiToken(email: "voter0@example.com")
            let missing = try await app.api(.PUT, "/ideas/999999/vote", token: token)
            #expect(missing.status == .notFound && missing.apiError?.error == "not_found")
        }
    }

    @Test func many_voters_at_once_keep_the_totals_exact() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let idea = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "Dark mode everywhere", body: "", by: fixture.fan)
            let fans = try await app.makeMembers(8, tier: .coreFan, prefix: "fan")
            let users = try await app.makeMembers(8, prefix: "user")
            let fanWeight = try await PyramidService(app).privileges(of: fans[0].requireID()).voteWeight
            try await withThrowingTaskGroup(of: Void.self) { group in
                for voter in fans + users + fans {
                    group.addTask { _ = try await app.ideas.vote(idea.requireID(), by: voter) }
                }
                try await group.waitForAll()
            }
            let stored = try await app.ideas.idea(idea.requireID())
            #expect(stored.voteCount == 16)
            #expect(stored.weightedScore == 8 * fanWeight + 8)
            #expect(stored.hotRank == IdeaRanking.hot(score: stored.weightedScore, createdAt: stored.createdAt))
        }
    }

    @Test func a_batch_of_votes_counts_each_once_and_refuses_what_a_vote_alone_would() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let open = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "批量投票的想法", body: "", by: fixture.staff).requireID()
            let closed = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "已拒绝的想法", body: "", by: fixture.staff).requireID()
            _ = try await app.ideas.setStatus(closed, to: .declined, note: "不做", by: fixture.staff)
            let others = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "另一个想法", body: "", by: fixture.staff).requireID()
            // A core fan (weight 2), the core team (weight 8, no limit), and a plain user whose
            // tier allows one open vote and who already holds it.
            let coreFan = try await app.makeMembers(1, tier: .coreFan, prefix: "core").map { try $0.requireID() }[0]
            let team = try await app.makeMembers(1, tier: .coreTeam, prefix: "team").map { try $0.requireID() }[0]
            let user = try await app.makeMembers(1).map { try $0.requireID() }[0]
            let users = [coreFan, team, user]
            try await (app.db as! any SQLDatabase).raw("UPDATE tier_rules SET open_vote_budget = 1 WHERE tier = 'user'").run()
            _ = try await app.db.groupCommit(VoteWrite.kind, VoteWrite(ideaID: others, userID: users[2], at: testEpoch))
            let batch = [
                VoteWrite(ideaID: open, userID: users[0], at: testEpoch),
                VoteWrite(ideaID: open, userID: users[0], at: testEpoch),  // the same vote again
                VoteWrite(ideaID: open, userID: users[1], at: testEpoch),
                VoteWrite(ideaID: closed, userID: users[1], at: testEpoch),
                VoteWrite(ideaID: open, userID: users[2], at: testEpoch),
                VoteWrite(ideaID: 999_999, userID: users[2], at: testEpoch),
            ]
            let outcomes = try await app.db.transaction { tx in try await VoteWrite.kind.write(batch, tx as! any SQLDatabase) }
            #expect(outcomes == [.added(votes: 2, score: 10), .unchanged, .added(votes: 2, score: 10), .closed, .budgetSpent(1), .notFound])
            let idea = try await app.ideas.idea(open)
            #expect(idea.voteCount == 2 && idea.weightedScore == 10)
            #expect(idea.hotRank == IdeaRanking.hot(score: 10, createdAt: idea.createdAt))
            #expect(try await app.ideas.budget(of: users[0]).used == 1)
            #expect(try await app.ideas.budget(of: users[2]).used == 1)
            #expect(try await IdeaVote.query(on: app.db).filter(\.$idea.$id == closed).count() == 0)
            #expect(try await app.ideas.isFollowing(open, by: users[1]))
        }
    }
}
