import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Ideas: design polls")
struct DesignPollTests {
    private func publish(_ app: Application, _ fixture: IdeasFixture, tiers: [Tier] = [], afterClose: Bool = false) async throws -> (DesignPoll, [DesignPollOption]) {
        let service = DesignPollService(app)
        let poll = try await service.create(
            in: fixture.product,
            .init(question: "新的锁屏时钟用哪种字体？", description: "", options: [.init(title: "圆体"), .init(title: "黑体"), .init(title: "Serif", description: "衬线")],
                  tiers: tiers, resultsAfterClose: afterClose),
            by: fixture.staff)
        return (poll, try await service.options(of: poll.requireID()))
    }

    @Test func members_vote_once_with_a_reason_and_see_results_after_voting() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let (poll, options) = try await publish(app, fixture)
            let id = try poll.requireID()
            let service = DesignPollService(app)
            #expect(try await service.results(id, for: fixture.fan.id).showsResults == false)
            #expect(try await service.results(id, for: fixture.fan.id).options.allSatisfy { $0.voteCount == 0 })
            await #expect(throws: CoreError.self) { try await service.vote(id, option: options[0].id, reason: "太短", by: fixture.fan) }
            await #expect(throws: CoreError.self) { try await service.vote(id, option: 999, reason: "圆体看起来更亲切更柔和", by: fixture.fan) }
            let voters = try await app.makeMembers(6)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, voter) in voters.enumerated() {
                    group.addTask { try await service.vote(id, option: options[index % 2].id, reason: "我更喜欢这个方案的气质", by: voter) }
                }
                try await group.waitForAll()
            }
            await #expect(throws: IdeaError.alreadyVotedInPoll) { try await service.vote(id, option: options[1].id, reason: "换一个试试看可以吗？我改主意了", by: voters[0]) }
            let seen = try await service.results(id, for: voters[0].id)
            #expect(seen.showsResults && seen.choice == options[0].id)
            #expect(seen.options.map(\.voteCount) == [3, 3, 0])
            #expect(seen.reasons[options[0].id ?? 0]?.first?.reason == "我更喜欢这个方案的气质")

            // Staff close it with a decision; voters hear of it; no more votes.
            await #expect(throws: CoreError.forbidden) { try await service.close(id, decision: "圆体", option: options[0].id, by: fixture.fan) }
            let closed = try await service.close(id, decision: "综合圆体和黑体", option: nil, by: fixture.staff)
            #expect(closed.decision == "综合圆体和黑体" && closed.closedAt != nil)
            #expect(try await MemberNotification.query(on: app.db).filter(\.$kind == .pollDecided).count() == 6)
            await #expect(throws: IdeaError.pollClosed) { try await service.vote(id, option: options[2].id, reason: "我更喜欢衬线体的感觉", by: fixture.fan) }
            await #expect(throws: IdeaError.pollClosed) { try await service.close(id, decision: "again", option: nil, by: fixture.staff) }
            #expect(try await service.results(id, for: nil).showsResults)
        }
    }

    @Test func tiers_and_hidden_results_are_respected() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let (poll, options) = try await publish(app, fixture, tiers: [.coreFan, .honoraryDeveloper], afterClose: true)
            let id = try poll.requireID()
            let service = DesignPollService(app)
            await #expect(throws: IdeaError.tierMayNotVote("core_fan, honorary_developer")) {
                try await service.vote(id, option: options[0].id, reason: "我想参与这个投票", by: fixture.fan)
            }
            let tester = try await app.makeMembers(1, tier: .coreFan, prefix: "tester")[0]
            try await service.vote(id, option: options[0].id, reason: "内测用户觉得圆体更好看一些", by: tester)
            #expect(try await service.results(id, for: tester.id).showsResults == false)
            // Too few options, and an image from elsewhere, are refused.
            await #expect(throws: CoreError.self) {
                try await service.create(in: fixture.product, .init(question: "只有一个选项", options: [.init(title: "A")]), by: fixture.staff)
            }
            await #expect(throws: CoreError.self) {
                try await service.create(
                    in: fixture.product, .init(question: "外链图片", options: [.init(title: "A", imageURL: "https://evil.example/x.png"), .init(title: "B")]),
                    by: fixture.staff)
            }
        }
    }

    @Test func the_poll_api_and_page_in_both_languages() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let staffToken = try await app.apiToken(email: "staff@example.com")
            let fanToken = try await app.apiToken(email: "fan@example.com")
            let created = try await app.api(
                .POST, "/products/aurora-os/polls",
                json: #"{"question":"主题色选哪个？","options":[{"title":"橙色"},{"title":"蓝色"}],"half_finished":true}"#, token: staffToken)
            #expect(created.status == .created, "\(created.body.string)")
            let id = created.json["id"] as? Int ?? 0
            let optionID = ((created.json["options"] as? [[String: Any]])?.first?["id"] as? Int) ?? 0
            #expect(try await app.api(.POST, "/products/aurora-os/polls", json: #"{"question":"主题色","options":[]}"#, token: fanToken).status == .forbidden)
            let short = try await app.api(.POST, "/polls/\(id)/votes", json: #"{"option_id":\#(optionID),"reason":"短"}"#, token: fanToken)
            #expect(short.status == .unprocessableEntity)
            let voted = try await app.api(.POST, "/polls/\(id)/votes", json: #"{"option_id":\#(optionID),"reason":"橙色是品牌色，很醒目"}"#, token: fanToken)
            #expect(voted.status == .created)
            #expect(voted.json["my_option_id"] as? Int == optionID && voted.json["votes"] as? Int == 1)
            #expect(try await app.api(.POST, "/polls/\(id)/votes", json: #"{"option_id":\#(optionID),"reason":"橙色是品牌色，很醒目"}"#, token: fanToken).status == .conflict)
            #expect(try await app.api(.GET, "/polls/\(id)").json["votes"] == nil)
            let closed = try await app.api(.POST, "/polls/\(id)/close", json: #"{"decision":"采用橙色","option_id":\#(optionID)}"#, token: staffToken)
            #expect(closed.json["decided_option_id"] as? Int == optionID)

            for (language, label) in [("zh-CN", "最终决定"), ("en", "Decision")] {
                let page = try await Browser(app, acceptLanguage: language).get("/polls/\(id)")
                #expect(page.status == .ok)
                #expect(page.body.string.contains(label) && page.body.string.contains("橙色是品牌色"))
                #expect(try await Browser(app, acceptLanguage: language).get("/products/aurora-os/polls").body.string.contains("主题色选哪个？"))
            }
            _ = fixture
        }
    }

    @Test func a_poll_about_a_half_finished_feature_links_its_idea() async throws {
        try await withTestApp { app in
            let fixture = try await IdeasFixture.make(app)
            let idea = try await app.ideas.propose(in: fixture.product, moduleKey: nil, title: "锁屏小组件", body: "", by: fixture.fan)
            let ideaID = try idea.requireID()
            _ = try await app.ideas.setStatus(ideaID, to: .inBeta, note: "内测版已上线半成品", by: fixture.staff)
            let service = DesignPollService(app)
            let poll = try await service.create(
                in: fixture.product, .init(question: "小组件放哪里？", options: [.init(title: "顶部"), .init(title: "底部")], halfFinished: true, ideaID: ideaID),
                by: fixture.staff)
            #expect(poll.ideaID == ideaID)
            let page = try await Browser(app).get("/ideas/\(ideaID)").body.string
            #expect(page.contains("小组件放哪里？") && page.contains("idea-polls"))
            let other = try await IdeasService(app).createProduct(.init(slug: "aurora-2", nameZh: "极光 2", nameEn: "Aurora 2"), by: fixture.staff)
            await #expect(throws: CoreError.self) {
                try await service.create(in: other, .init(question: "别的产品", options: [.init(title: "A"), .init(title: "B")], ideaID: ideaID), by: fixture.staff)
            }
        }
    }
}
