import Fluent
import Vapor

/// Pages for design polls: a product's polls, publishing one (staff, with an image per
/// option), voting with a reason, and closing with a decision.
struct PollsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.productPolls(":slug"), use: list)
        routes.get(.poll(.key), use: show)
        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.productNewPoll(":slug"), use: newPollForm)
        members.on(.POST, SiteURL.productNewPoll(":slug").pathComponents, body: .collect(maxSize: ByteCount(value: MultipartGuardMiddleware.maxBytes)), use: create)
        members.post(.pollVote(.key), use: vote)
        members.post(.pollClose(.key), use: close)
    }

    private func product(_ req: Request) async throws -> Product {
        try await IdeasService(req).product(slug: req.parameters.get("slug") ?? "")
    }

    func list(req: Request) async throws -> Response {
        let product = try await product(req)
        let polls = try await DesignPollService(req).polls(of: product)
        let context = PollViews.ListContext(
            layout: req.layout(title: req.t("polls.title"), section: .ideas), product: IdeaViews.productLink(product, req.locale),
            newPollURL: IdeasPolicy.canManageProducts(req.currentUser) ? SiteURL.productNewPoll(product.slug).path : nil,
            polls: polls.map { PollViews.link($0, on: req) })
        return try await req.page("ideas/polls", context)
    }

    func show(req: Request) async throws -> Response {
        try await req.page("ideas/poll", try await PollViews.context(on: req, pollID: try req.idParameter()))
    }

    struct VoteForm: Content {
        var option_id: Int?
        var reason: String?
    }

    func vote(req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = try req.content.decode(VoteForm.self)
        do {
            try await DesignPollService(req).vote(id, option: form.option_id, reason: form.reason, by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.poll(.value(id)).path)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await req.page("ideas/poll", try await PollViews.context(on: req, pollID: id, error: formError.message, reason: form.reason ?? ""), status: status)
        }
    }

    struct CloseForm: Content {
        var decision: String?
        var option_id: String?
    }

    func close(req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = try req.content.decode(CloseForm.self)
        do {
            _ = try await DesignPollService(req).close(id, decision: form.decision, option: form.option_id.flatMap { Int($0) }, by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.poll(.value(id)).path)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await req.page("ideas/poll", try await PollViews.context(on: req, pollID: id, error: formError.message), status: status)
        }
    }

    func newPollForm(req: Request) async throws -> Response {
        guard IdeasPolicy.canManageProducts(req.currentUser) else { throw CoreError.forbidden }
        return try await renderNew(req, product: try await product(req))
    }

    private func renderNew(_ req: Request, product: Product, error: FormError? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let context = PollViews.NewPollContext(
            layout: req.layout(title: req.t("polls.new"), section: .ideas), csrf: req.csrfTokenIfMember ?? "", product: IdeaViews.productLink(product, req.locale),
            action: SiteURL.productNewPoll(product.slug).path, slots: Array(1...6),
            tiers: Tier.allCases.map { .init(value: $0.rawValue, label: req.t($0.labelKey), selected: false) }, error: error)
        return try await req.page("ideas/new_poll", context, status: status)
    }

    /// One option per numbered slot; slots left without a title are skipped.
    struct NewPollForm: Content {
        var question: String?
        var description: String?
        var days: Int?
        var tiers: [String]?
        var results_after_close: String?
        var half_finished: String?
        /// Text, so an empty field is no idea rather than a decoding error.
        var idea_id: String?
        var title_1, title_2, title_3, title_4, title_5, title_6: String?
        var description_1, description_2, description_3, description_4, description_5, description_6: String?
        var image_1, image_2, image_3, image_4, image_5, image_6: File?

        var slots: [(title: String?, description: String?, image: File?)] {
            [(title_1, description_1, image_1), (title_2, description_2, image_2), (title_3, description_3, image_3),
             (title_4, description_4, image_4), (title_5, description_5, image_5), (title_6, description_6, image_6)]
        }
    }

    func create(req: Request) async throws -> Response {
        let user = try req.auth.require(User.self)
        let product = try await product(req)
        do {
            guard IdeasPolicy.canManageProducts(user) else { throw CoreError.forbidden }
            let form = try req.decodeForm(NewPollForm.self)
            var options: [DesignPollService.OptionInput] = []
            for slot in form.slots where !(slot.title ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                var image = ""
                if let file = slot.image, file.data.readableBytes > 0 { image = try await UploadStore(req).saveImage(file.data, by: user).url }
                options.append(.init(title: slot.title, description: slot.description, imageURL: image))
            }
            let days = try FieldRules.number(form.days ?? 7, "days", 1...365)
            let tiers = (form.tiers ?? []).compactMap(Tier.init(rawValue:))
            let poll = try await DesignPollService(req).create(
                in: product,
                .init(question: form.question, description: form.description, options: options, opensAt: req.now,
                      closesAt: req.now.addingTimeInterval(Double(days) * 24 * 3600), tiers: tiers,
                      resultsAfterClose: form.results_after_close != nil, halfFinished: form.half_finished != nil,
                      ideaID: form.idea_id.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }),
                by: user)
            return req.redirect(to: SiteURL.poll(.value(try poll.requireID())).path)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderNew(req, product: product, error: formError, status: status)
        }
    }
}
