import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Ideas: statuses, merging, credit")
struct IdeaStatusTests {
    @Test func statuses_keep_a_history_notify_followers_and_credit_the_author() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let idea = try await app.ideas.propose(in: fixture.product, moduleKey: "battery", title: "省电模式可定时开启", body: "", by: fixture.fan)
            let id = try idea.requireID()
            let before = try await StandingService(app).ledger.balance(of: fixture.fan.requireID())
            // Only staff or the product's team may move it; a decline needs its reason.
            await #expect(throws: CoreError.forbidden) { try await app.ideas.setStatus(id, to: .planned, note: nil, by: fixture.fan) }
            await #expect(throws: IdeaError.noteRequired) { try await app.ideas.setStatus(id, to: .declined, note: " ", by: fixture.staff) }
            _ = try await app.ideas.setStatus(id, to: .underReview, note: "", by: fixture.staff)
            await #expect(throws: IdeaError.sameStatus) { try await app.ideas.setStatus(id, to: .underReview, note: nil, by: fixture.staff) }
            _ = try await app.ideas.setStatus(id, to: .planned, note: "下个版本", by: fixture.staff)
            _ = try await app.ideas.setStatus(id, to: .inBeta, note: "", by: fixture.staff)
            _ = try await app.ideas.setStatus(id, to: .shipped, note: "1.2.0", by: fixture.staff)
            let history = try await app.ideas.history(of: id)
            #expect(history.map(\.to) == [.underReview, .planned, .inBeta, .shipped])
            #expect(history[1].note == "下个版本")
            // Accepted +10 once (planned, then in beta, did not pay twice), shipped +30, and the medal.
            #expect(try await StandingService(app).ledger.balance(of: fixture.fan.requireID()) == before + 40)
            let medals = try await MemberMedal.query(on: app.db).filter(\.$user.$id == fixture.fan.requireID()).with(\.$medal).all()
            #expect(medals.contains { $0.medal.key == "idea_shipped" })
            // The author follows their idea and heard of every change.
            let notes = try await MemberNotification.query(on: app.db).filter(\.$user.$id == fixture.fan.requireID()).filter(\.$kind == .ideaStatus).count()
            #expect(notes == 4)
            await #expect(throws: IdeaError.ideaClosed) { try await app.ideas.setStatus(id, to: .planned, note: nil, by: fixture.staff) }
        }
    }

    @Test func a_product_team_member_may_triage_its_ideas_only() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let engineer = try await app.makeUser(email: "eng@example.com", name: "Engineer")
            let idea = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "更好的相机算法", body: "", by: fixture.fan)
            await #expect(throws: CoreError.forbidden) { try await app.ideas.setStatus(idea.requireID(), to: .planned, note: nil, by: engineer) }
            try await app.ideas.addTeamMember(engineer.requireID(), to: fixture.product.requireID(), by: fixture.staff)
            try await app.ideas.addTeamMember(engineer.requireID(), to: fixture.product.requireID(), by: fixture.staff)
            #expect(try await app.ideas.setStatus(idea.requireID(), to: .planned, note: nil, by: engineer).status == .planned)
        }
    }

    @Test func merging_moves_votes_without_counting_anyone_twice() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let original = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "锁屏显示天气", body: "", by: fixture.fan)
            let duplicate = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "锁屏上加天气", body: "", by: fixture.staff)
            let both = try await app.makeMembers(3, prefix: "both")
            let onlyDuplicate = try await app.makeMembers(2, prefix: "dup")
            let onlyOriginal = try await app.makeMembers(1, prefix: "orig")
            for voter in both + onlyOriginal { _ = try await app.ideas.vote(original.requireID(), by: voter) }
            for voter in both + onlyDuplicate { _ = try await app.ideas.vote(duplicate.requireID(), by: voter) }

            await #expect(throws: IdeaError.mergeIntoSelf) { try await app.ideas.merge(original.requireID(), into: original.requireID(), note: nil, by: fixture.staff) }
            await #expect(throws: CoreError.forbidden) { try await app.ideas.merge(duplicate.requireID(), into: original.requireID(), note: nil, by: fixture.fan) }
            let merged = try await app.ideas.merge(duplicate.requireID(), into: original.requireID(), note: "同一个需求", by: fixture.staff)
            #expect(merged.status == .duplicate && merged.$duplicateOf.id == original.id && merged.voteCount == 0)
            let target = try await app.ideas.idea(original.requireID())
            #expect(target.voteCount == 6)
            #expect(target.weightedScore == 6)
            // Those who voted for both hold one open vote now; the others still hold theirs.
            for voter in both + onlyDuplicate + onlyOriginal {
                #expect(try await app.ideas.budget(of: voter.requireID()).used == 1)
            }
            // Voters of the duplicate are told; a merge into the duplicate (a loop) is refused.
            let told = try await MemberNotification.query(on: app.db).filter(\.$kind == .ideaMerged).count()
            #expect(told == 5)
            await #expect(throws: IdeaError.mergeIntoDuplicate) { try await app.ideas.merge(original.requireID(), into: duplicate.requireID(), note: nil, by: fixture.staff) }
            let other = try await IdeasService(app).createProduct(.init(slug: "aurora-1", nameZh: "极光 1", nameEn: "Aurora 1"), by: fixture.staff)
            let elsewhere = try await app.ideas.propose(in: other, moduleKey: nil, title: "锁屏天气", body: "", by: fixture.fan)
            await #expect(throws: IdeaError.mergeAcrossProducts) { try await app.ideas.merge(elsewhere.requireID(), into: original.requireID(), note: nil, by: fixture.staff) }
        }
    }

    @Test func similar_ideas_share_search_terms_with_the_title() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            _ = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "相机夜景模式优化", body: "", by: fixture.fan)
            _ = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "Battery saver schedule", body: "", by: fixture.fan)
            let similar = try await app.ideas.similar(in: fixture.product.requireID(), to: "夜景模式")
            #expect(similar.map(\.title) == ["相机夜景模式优化"])
            #expect(try await app.ideas.similar(in: fixture.product.requireID(), to: "battery").map(\.title) == ["Battery saver schedule"])
            #expect(try await app.ideas.similar(in: fixture.product.requireID(), to: "完全无关").isEmpty)
        }
    }
}
