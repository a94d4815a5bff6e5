import Fluent
import Vapor

/// Page contexts for products and ideas.
enum IdeaViews {
    struct ProductLink: Encodable {
        let name: String
        let description: String
        let icon: String
        let url: String
        let roadmapURL: String
        let pollsURL: String
    }

    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Row: Encodable {
        let id: Int
        let title: String
        let url: String
        let status: String
        let statusLabel: String
        let module: String?
        let author: String
        let votes: Int
        let score: Int
        let when: String
    }

    struct ProductsContext: Encodable {
        let layout: PageLayout
        let products: [ProductLink]
        /// For staff: where products are created and teams kept.
        let adminURL: String?
    }

    struct ProductContext: Encodable {
        let layout: PageLayout
        let csrf: String?
        let product: ProductLink
        /// Where this week's release train is.
        let train: ReleaseViews.TrainStrip
        let newIdeaURL: String?
        let loginURL: String?
        let sorts: [Option]
        let statuses: [Option]
        let modules: [Option]
        let sort: String
        let rows: [Row]
        let total: Int
        let pager: Pager
    }

    struct RoadmapColumn: Encodable {
        let label: String
        let status: String
        let rows: [Row]
    }

    struct RoadmapContext: Encodable {
        let layout: PageLayout
        let product: ProductLink
        let columns: [RoadmapColumn]
    }

    struct NewIdeaContext: Encodable {
        let layout: PageLayout
        let csrf: String
        let product: ProductLink
        let action: String
        let similarURL: String
        let modules: [Option]
        let title: String
        let body: String
        let error: FormError?
    }

    struct HistoryRow: Encodable {
        let from: String
        let to: String
        let note: String
        let by: String
        let when: String
    }

    struct Triage: Encodable {
        let statusAction: String
        let mergeAction: String
        let statuses: [Option]
    }

    struct IdeaContext: Encodable {
        let layout: PageLayout
        let csrf: String?
        let product: ProductLink
        let id: Int
        let title: String
        let bodyHTML: String
        let status: String
        let statusLabel: String
        let module: String?
        let author: String
        let authorURL: String
        let when: String
        let votes: Int
        let score: Int
        let open: Bool
        let voted: Bool
        let following: Bool
        let voteAction: String
        let followAction: String
        let budget: String?
        let duplicateOfURL: String?
        /// The forum thread where it is discussed, and how many replies it has.
        let discussionURL: String?
        let discussionReplies: Int
        /// Design polls about this idea, e.g. feedback on its half-finished beta.
        let polls: [PollViews.PollLink]
        let history: [HistoryRow]
        let triage: Triage?
        let loginURL: String?
        let error: String?
    }

    static func productLink(_ product: Product, _ locale: SupportedLocale) -> ProductLink {
        ProductLink(
            name: product.name(locale), description: product.description(locale), icon: product.icon, url: SiteURL.product(product.slug).path,
            roadmapURL: SiteURL.productRoadmap(product.slug).path, pollsURL: SiteURL.productPolls(product.slug).path)
    }

    static func row(_ idea: Idea, author: User?, modules: [Int: ProductModule], on req: Request) -> Row {
        Row(
            id: idea.id ?? 0, title: idea.title, url: SiteURL.idea(.value(idea.id ?? 0)).path, status: idea.status.rawValue,
            statusLabel: req.t(idea.status.labelKey), module: idea.$module.id.flatMap { modules[$0] }?.name(req.locale), author: author?.name ?? "",
            votes: idea.voteCount, score: idea.weightedScore, when: DateDisplay.day(idea.createdAt, req.locale, req.viewerTimeZone))
    }

    static func ideaContext(on req: Request, id: Int, error: String? = nil) async throws -> IdeaContext {
        let service = IdeasService(req)
        let idea = try await service.idea(id)
        guard let product = try await Product.find(idea.$product.id, on: req.db) else { throw CoreError.notFound }
        let author = try await User.find(idea.$author.id, on: req.db)
        let module = try await idea.$module.get(on: req.db)
        let viewer = req.currentUser
        var voted = false
        var following = false
        var budget: String?
        if let viewerID = viewer?.id {
            voted = try await service.state(of: id, for: viewerID).voted
            following = try await service.isFollowing(id, by: viewerID)
            let (used, limit) = try await service.budget(of: viewerID)
            budget = limit.map { req.t("ideas.budget", String(used), String($0)) } ?? req.t("ideas.budget_unlimited", String(used))
        }
        let triage = try await IdeasPolicy.canTriage(viewer, product: idea.$product.id, on: req.db) && idea.status.isOpen
        var discussion: ForumThread?
        if let threadID = idea.threadID { discussion = try await ForumThread.find(threadID, on: req.db) }
        let zone = req.viewerTimeZone
        return IdeaContext(
            layout: req.layout(title: idea.title, section: .ideas), csrf: req.csrfTokenIfMember, product: productLink(product, req.locale), id: id,
            title: idea.title, bodyHTML: idea.bodyHTML, status: idea.status.rawValue, statusLabel: req.t(idea.status.labelKey),
            module: module?.name(req.locale), author: author?.name ?? "", authorURL: SiteURL.profile(.value(idea.$author.id)).path,
            when: DateDisplay.dateTime(idea.createdAt, req.locale, zone), votes: idea.voteCount, score: idea.weightedScore, open: idea.status.isOpen,
            voted: voted, following: following, voteAction: SiteURL.ideaVote(.value(id)).path, followAction: SiteURL.ideaFollow(.value(id)).path,
            budget: budget, duplicateOfURL: idea.$duplicateOf.id.map { SiteURL.idea(.value($0)).path },
            discussionURL: discussion.map { SiteURL.thread(.value($0.id ?? 0)).path }, discussionReplies: discussion?.replyCount ?? 0,
            polls: try await DesignPollService(req).polls(about: id).map { PollViews.link($0, on: req) },
            history: try await service.history(of: id).map {
                HistoryRow(from: req.t($0.from.labelKey), to: req.t($0.to.labelKey), note: $0.note, by: $0.actor.name, when: DateDisplay.dateTime($0.createdAt, req.locale, zone))
            },
            triage: triage
                ? Triage(
                    statusAction: SiteURL.ideaStatus(.value(id)).path, mergeAction: SiteURL.ideaMerge(.value(id)).path,
                    statuses: IdeaStatus.settable.filter { $0 != idea.status }.map { Option(value: $0.rawValue, label: req.t($0.labelKey), selected: false) })
                : nil,
            loginURL: viewer == nil ? SiteURL.withNext(SiteURL.login.path, SiteURL.idea(.value(id)).path) : nil, error: error)
    }
}
