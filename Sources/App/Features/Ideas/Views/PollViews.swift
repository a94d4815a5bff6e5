import Vapor

/// Page contexts for design polls.
enum PollViews {
    struct OptionRow: Encodable {
        let id: Int
        let title: String
        let description: String
        let imageURL: String
        let votes: Int
        let percent: Int
        let chosen: Bool
        let decided: Bool
        let reasons: [Reason]
    }

    struct Reason: Encodable {
        let name: String
        let text: String
    }

    struct PollLink: Encodable {
        let question: String
        let url: String
        let state: String
        let votes: String?
        let halfFinished: Bool
    }

    struct ListContext: Encodable {
        let layout: PageLayout
        let product: IdeaViews.ProductLink
        let newPollURL: String?
        let polls: [PollLink]
    }

    struct PollContext: Encodable {
        let layout: PageLayout
        let csrf: String?
        let product: IdeaViews.ProductLink
        let question: String
        let description: String
        let state: String
        let window: String
        let tiers: String?
        let halfFinished: Bool
        let ideaURL: String?
        let options: [OptionRow]
        let showsResults: Bool
        let resultsNote: String?
        let totalVotes: Int
        let voteAction: String?
        let decision: String?
        let closeAction: String?
        let loginURL: String?
        let error: String?
        let reason: String
    }

    struct NewPollContext: Encodable {
        let layout: PageLayout
        let csrf: String
        let product: IdeaViews.ProductLink
        let action: String
        let slots: [Int]
        let tiers: [IdeaViews.Option]
        let error: FormError?
    }

    static func link(_ poll: DesignPoll, on req: Request) -> PollLink {
        PollLink(
            question: poll.question, url: SiteURL.poll(.value(poll.id ?? 0)).path, state: state(poll, now: req.now, on: req),
            votes: poll.isClosed(at: req.now) ? req.t("polls.votes", String(poll.voteCount)) : nil, halfFinished: poll.halfFinished)
    }

    static func state(_ poll: DesignPoll, now: Date, on req: Request) -> String {
        if poll.isClosed(at: now) { return req.t("polls.state.closed") }
        return poll.isOpen(at: now) ? req.t("polls.state.open") : req.t("polls.state.upcoming")
    }

    static func context(on req: Request, pollID: Int, error: String? = nil, reason: String = "") async throws -> PollContext {
        let service = DesignPollService(req)
        let viewer = req.currentUser
        let results = try await service.results(pollID, for: viewer?.id)
        let poll = results.poll
        guard let product = try await Product.find(poll.$product.id, on: req.db) else { throw CoreError.notFound }
        let now = req.now
        let total = max(results.options.reduce(0) { $0 + $1.voteCount }, 1)
        let zone = req.viewerTimeZone
        let canVote = viewer != nil && poll.isOpen(at: now) && results.choice == nil
        let resultsNote: String? = results.showsResults ? nil : req.t(poll.resultsAfterClose ? "polls.results_after_close" : "polls.results_after_vote")
        return PollContext(
            layout: req.layout(title: poll.question, section: .ideas), csrf: req.csrfTokenIfMember, product: IdeaViews.productLink(product, req.locale),
            question: poll.question, description: poll.description, state: state(poll, now: now, on: req),
            window: req.t("polls.window", DateDisplay.dateTime(poll.opensAt, req.locale, zone), DateDisplay.dateTime(poll.closesAt, req.locale, zone)),
            tiers: poll.allowedTiers.isEmpty ? nil : poll.allowedTiers.map { req.t($0.labelKey) }.joined(separator: ", "),
            halfFinished: poll.halfFinished, ideaURL: poll.ideaID.map { SiteURL.idea(.value($0)).path },
            options: results.options.map { option in
                OptionRow(
                    id: option.id ?? 0, title: option.title, description: option.description, imageURL: option.imageURL, votes: option.voteCount,
                    percent: option.voteCount * 100 / total, chosen: option.id == results.choice, decided: option.id != nil && option.id == poll.decidedOptionID,
                    reasons: (results.reasons[option.id ?? 0] ?? []).map { Reason(name: $0.name, text: $0.reason) })
            },
            showsResults: results.showsResults, resultsNote: resultsNote, totalVotes: results.showsResults ? poll.voteCount : 0,
            voteAction: canVote ? SiteURL.pollVote(.value(pollID)).path : nil, decision: poll.decision,
            closeAction: IdeasPolicy.canManageProducts(viewer) && poll.closedAt == nil ? SiteURL.pollClose(.value(pollID)).path : nil,
            loginURL: viewer == nil ? SiteURL.withNext(SiteURL.login.path, SiteURL.poll(.value(pollID)).path) : nil, error: error, reason: reason)
    }
}
