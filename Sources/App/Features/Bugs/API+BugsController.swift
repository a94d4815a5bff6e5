import Fluent
import Vapor

/// `/api/v1`: a product's bugs, filing, "me too", the lifecycle, duplicates, verification,
/// triage and following.
struct APIBugsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("products", ":slug", "bugs", use: list)
        routes.get("products", ":slug", "bugs", "similar", use: similar)
        routes.get("bugs", ":id", use: bug)

        let members = routes.grouped(RequireTokenMiddleware())
        members.on(.POST, "products", ":slug", "bugs", body: .collect(maxSize: ByteCount(value: BugReportForm.maxBytes)), use: file)
        members.on(.POST, "bugs", ":id", "attachments", body: .collect(maxSize: ByteCount(value: BugReportForm.maxBytes)), use: attach)
        members.get("bugs", ":id", "files", ":file", use: download)
        members.put("bugs", ":id", "me-too", use: meToo)
        members.delete("bugs", ":id", "me-too", use: withdraw)
        members.put("bugs", ":id", "follow", use: follow)
        members.delete("bugs", ":id", "follow", use: unfollow)
        members.post("bugs", ":id", "status", use: setStatus)
        members.post("bugs", ":id", "verify", use: verify)
        members.post("bugs", ":id", "duplicate", use: duplicate)
        members.post("bugs", ":id", "triage", use: triage)
        members.post("products", ":slug", "bugs", "bulk", use: bulk)
    }

    private func product(_ req: Request) async throws -> Product {
        try await IdeasService(req).product(slug: req.parameters.get("slug") ?? "")
    }

    func list(req: Request) async throws -> Response {
        JSONBytes.response(try await BugListCache.json(slug: req.parameters.get("slug") ?? "", try BugsService.Filter.parse(req), on: req))
    }

    func similar(req: Request) async throws -> [BugDTO] {
        let product = try await product(req)
        let title = String((req.query[String.self, at: "title"] ?? "").prefix(200))
        let now = req.now
        return try await BugsService(req).similar(in: product.requireID(), to: title).map { BugDTO($0, module: nil, now: now) }
    }

    func bug(req: Request) async throws -> BugDetailDTO {
        try await BugViews.detailDTO(try await BugsService(req).bug(try req.idParameter()), on: req)
    }

    func file(req: Request) async throws -> Response {
        let form = try BugReportForm.decode(req)
        let service = BugsService(req)
        let bug = try await service.file(in: try await product(req), try form.report(), by: try req.auth.require(User.self))
        return try await BugViews.detailDTO(bug, on: req).encodeResponse(status: .created, for: req)
    }

    struct AttachForm: Content {
        var screenshot: File?
        var log: File?
    }

    /// Files added after a JSON report: the reporter's (or a triager's).
    func attach(req: Request) async throws -> Response {
        guard req.headers.contentType?.type == "multipart" else { throw CoreError.invalidField(field: "screenshot", messageKey: "bugs.invalid.attachment") }
        let form = try req.decodeForm(AttachForm.self)
        let bug = try await BugsService(req).attach(
            try req.idParameter(), screenshot: BugReportForm.incoming(form.screenshot), log: BugReportForm.incoming(form.log), by: try req.auth.require(User.self))
        return try await BugViews.detailDTO(bug, on: req).encodeResponse(status: .created, for: req)
    }

    func download(req: Request) async throws -> Response {
        try await BugViews.download(req)
    }

    struct MeTooBody: Content {
        var build_id: Int?
        var device_model: String?
    }

    func meToo(req: Request) async throws -> MeTooDTO {
        let body = req.body.data == nil ? MeTooBody() : try req.content.decode(MeTooBody.self)
        let state = try await BugsService(req).meToo(try req.idParameter(), build: body.build_id, device: body.device_model, by: try req.auth.require(User.self))
        return MeTooDTO(me_too: state.meToo, count: state.count, status: state.status.rawValue)
    }

    func withdraw(req: Request) async throws -> MeTooDTO {
        let state = try await BugsService(req).withdrawMeToo(try req.idParameter(), by: try req.auth.require(User.self))
        return MeTooDTO(me_too: state.meToo, count: state.count, status: state.status.rawValue)
    }

    func follow(req: Request) async throws -> HTTPStatus {
        try await BugsService(req).follow(try req.idParameter(), by: try req.auth.require(User.self).requireID())
        return .noContent
    }

    func unfollow(req: Request) async throws -> HTTPStatus {
        let id = try req.idParameter()
        let service = BugsService(req)
        _ = try await service.bug(id)
        try await service.unfollow(id, by: try req.auth.require(User.self).requireID())
        return .noContent
    }

    struct StatusBody: Content {
        var status: String?
        var note: String?
        var build_id: Int?
    }

    func setStatus(req: Request) async throws -> BugDetailDTO {
        let body = try req.content.decode(StatusBody.self)
        let bug = try await BugsService(req).setStatus(
            try req.idParameter(), to: try BugStatus.parse(body.status), note: body.note, build: body.build_id, by: try req.auth.require(User.self))
        return try await BugViews.detailDTO(bug, on: req)
    }

    struct VerifyBody: Content {
        var fixed: Bool?
        var build: Int?
    }

    func verify(req: Request) async throws -> BugDetailDTO {
        let body = try req.content.decode(VerifyBody.self)
        guard let fixed = body.fixed else { throw CoreError.invalidField(field: "fixed", messageKey: "bugs.invalid.fixed") }
        let bug = try await BugsService(req).verify(try req.idParameter(), fixed: fixed, build: body.build, by: try req.auth.require(User.self))
        return try await BugViews.detailDTO(bug, on: req)
    }

    struct DuplicateBody: Content {
        var of_id: Int?
        var note: String?
    }

    func duplicate(req: Request) async throws -> BugDetailDTO {
        let body = try req.content.decode(DuplicateBody.self)
        let bug = try await BugsService(req).markDuplicate(try req.idParameter(), of: body.of_id, note: body.note, by: try req.auth.require(User.self))
        return try await BugViews.detailDTO(bug, on: req)
    }

    struct TriageBody: Content {
        var severity: String?
        var module: String?
    }

    func triage(req: Request) async throws -> BugDetailDTO {
        let body = try req.content.decode(TriageBody.self)
        let (id, service) = (try req.idParameter(), BugsService(req))
        try await service.triage(id, severity: try BugSeverity.parseIfGiven(body.severity), moduleKey: body.module, by: try req.auth.require(User.self))
        return try await BugViews.detailDTO(try await service.bug(id), on: req)
    }

    struct BulkBody: Content {
        var bug_ids: [Int]?
        var action: String?
        var severity: String?
        var module: String?
        var of_id: Int?
    }

    func bulk(req: Request) async throws -> BulkResultDTO {
        let body = try req.content.decode(BulkBody.self)
        let product = try await product(req)
        let ids = body.bug_ids ?? []
        let refused = try await BugsService(req).bulk(
            ids, try BugViews.bulkAction(body.action, severity: body.severity, module: body.module, of: body.of_id), in: product.requireID(),
            by: try req.auth.require(User.self))
        return BulkResultDTO(
            done: Array(Set(ids)).filter { refused[$0] == nil }.sorted(),
            refused: refused.keys.sorted().map { BulkResultDTO.Refusal(id: $0, error: (refused[$0] as? any AppError)?.code ?? "refused") })
    }
}
