import Fluent
import Vapor

/// Page contexts for the bug lists, the report form and the triage queue; the API's detail.
enum BugViews {
    typealias Option = IdeaViews.Option

    struct Row: Encodable {
        let id: Int
        let title: String
        let url: String
        let status: String
        let statusLabel: String
        let severity: String?
        let severityLabel: String?
        let module: String?
        let meToo: Int
        let heat: Int
        let when: String
    }

    struct Filters: Encodable {
        let statuses: [Option]
        let modules: [Option]
        let severities: [Option]
        let sorts: [Option]
        let build: String
        let minHeat: String
    }

    struct ListContext: Encodable {
        let layout: PageLayout
        let csrf: String?
        let product: IdeaViews.ProductLink
        let action: String
        let filters: Filters
        let rows: [Row]
        let total: Int
        let pager: Pager
        let newURL: String?
        let loginURL: String?
        let triageURL: String?
        /// The triage queue: its bulk form.
        let bulk: Bulk?
        let error: FormError?
    }

    struct Bulk: Encodable {
        let action: String
        let modules: [Option]
        let severities: [Option]
    }

    struct IndexContext: Encodable {
        struct ProductRow: Encodable {
            let product: IdeaViews.ProductLink
            let bugsURL: String
            let open: Int
        }

        let layout: PageLayout
        let products: [ProductRow]
    }

    struct NewContext: Encodable {
        let layout: PageLayout
        let csrf: String
        let product: IdeaViews.ProductLink
        let action: String
        let similarURL: String
        let modules: [Option]
        let builds: [Option]
        let frequencies: [Option]
        let form: Values
        let error: FormError?

        struct Values: Encodable {
            let title, deviceModel, steps, expected, actual: String
        }
    }

    static func row(_ bug: BugSummary, modules: [Int: ProductModule], at now: Date, on req: Request) -> Row {
        Row(
            id: bug.id, title: bug.title, url: SiteURL.bug(.value(bug.id)).path, status: bug.status.rawValue,
            statusLabel: req.t(bug.status.labelKey), severity: bug.severity?.rawValue, severityLabel: bug.severity.map { req.t($0.labelKey) },
            module: bug.moduleID.flatMap { modules[$0] }?.name(req.locale), meToo: bug.meTooCount, heat: bug.heat(at: now).score,
            when: DateDisplay.day(bug.createdAt, req.locale, req.viewerTimeZone))
    }

    static func filters(_ filter: BugsService.Filter, modules: [ProductModule], on req: Request) -> Filters {
        let status = filter.openOnly ? "open" : filter.status?.rawValue ?? ""
        return Filters(
            statuses: [Option(value: "", label: req.t("bugs.all_statuses"), selected: status.isEmpty),
                       Option(value: "open", label: req.t("bugs.open_statuses"), selected: status == "open")]
                + BugStatus.allCases.map { Option(value: $0.rawValue, label: req.t($0.labelKey), selected: $0.rawValue == status) },
            modules: moduleOptions(modules, selected: filter.moduleKey, none: req.t("ideas.all_modules"), on: req),
            severities: [Option(value: "", label: req.t("bugs.all_severities"), selected: filter.severity == nil)]
                + BugSeverity.allCases.map { Option(value: $0.rawValue, label: req.t($0.labelKey), selected: $0 == filter.severity) },
            sorts: BugsService.Sort.allCases.map { Option(value: $0.rawValue, label: req.t("bugs.sort.\($0.rawValue)"), selected: $0 == filter.sort) },
            build: filter.releaseID.map(String.init) ?? "", minHeat: filter.minHeat.map(String.init) ?? "")
    }

    static func moduleOptions(_ modules: [ProductModule], selected: String?, none: String, on req: Request) -> [Option] {
        [Option(value: "", label: none, selected: (selected ?? "").isEmpty)]
            + modules.map { Option(value: $0.key, label: $0.name(req.locale), selected: $0.key == selected) }
    }

    /// The query string of a list page with another page number.
    static func query(_ filter: BugsService.Filter, page: Int) -> String {
        var parts = ["sort=\(filter.sort.rawValue)", "page=\(page)"]
        if filter.openOnly { parts.append("status=open") } else if let status = filter.status { parts.append("status=\(status.rawValue)") }
        if let module = filter.moduleKey { parts.append("module=\(module.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
        if let build = filter.releaseID { parts.append("build=\(build)") }
        if let severity = filter.severity { parts.append("severity=\(severity.rawValue)") }
        if let heat = filter.minHeat { parts.append("min_heat=\(heat)") }
        return "?" + parts.joined(separator: "&")
    }

    /// The builds a member may name: the product's that they may see, newest first.
    static func buildOptions(_ product: Product, selected: Int?, none: String, on req: Request) async throws -> [Option] {
        let productID = try product.requireID()
        let innermost = try await ReleasesPolicy.innermostRing(of: req.currentUser, product: productID, on: req.db)
        let builds = try await ReleasesService(req).releases(of: productID, visibleFrom: innermost, limit: 30)
        return [Option(value: "", label: none, selected: selected == nil)]
            + builds.map { Option(value: String($0.id ?? 0), label: $0.version, selected: $0.id == selected) }
    }

    static func bulkAction(_ raw: String?, severity: String?, module: String?, of target: Int?) throws -> BugsService.BulkAction {
        switch raw {
        case "set_severity": return .setSeverity(try BugSeverity.parse(severity))
        case "set_module": return .setModule(module)
        case "duplicate":
            guard let target else { throw CoreError.invalidField(field: "of_id", messageKey: "bugs.invalid.of_id") }
            return .duplicate(of: target)
        default: throw CoreError.invalidField(field: "action", messageKey: "bugs.invalid.bulk_action")
        }
    }

    /// A bug's file, to those who may have it (`BugsService.attachment`).
    static func download(_ req: Request) async throws -> Response {
        guard let fileID = req.parameters.get("file").flatMap(Int.init) else { throw CoreError.notFound }
        let service = BugsService(req)
        let file = try await service.attachment(fileID, of: try req.idParameter(), for: req.currentUser)
        if file.kind == .screenshot, let upload = try await Upload.find(file.uploadID, on: req.db) { return req.redirect(to: upload.url) }
        let path = service.attachments.logPath(file)
        guard FileManager.default.fileExists(atPath: path) else { throw CoreError.notFound }
        let type = file.contentType == "application/zip" ? HTTPMediaType(type: "application", subType: "zip") : HTTPMediaType.plainText
        let response = try await req.fileio.asyncStreamFile(at: path, mediaType: type)
        let name = file.fileName.replacingOccurrences(of: "\"", with: "")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))) ?? "log")\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    static func detailDTO(_ bug: Bug, on req: Request) async throws -> BugDetailDTO {
        let service = BugsService(req)
        let bugID = try bug.requireID()
        let viewer = req.currentUser
        let mayPrivate = try await BugsPolicy.canSeePrivate(viewer, bug: bug, on: req.db)
        let module = try await bug.$module.get(on: req.db)
        let files = try await service.attachments(of: bugID).filter { mayPrivate || $0.kind == .screenshot }
        var mine: Bool?
        var following: Bool?
        if let viewerID = viewer?.id {
            mine = try await service.hasMeToo(bugID, by: viewerID)
            following = try await service.isFollowing(bugID, by: viewerID)
        }
        return BugDetailDTO(
            bug: BugDTO(bug, module: module, now: req.now), steps: bug.steps, expected: bug.expected, actual: bug.actual,
            heat: BugHeatDTO(bug.heat(at: req.now)), private_visible: mayPrivate, device_model: mayPrivate ? bug.deviceModel : nil,
            attachments: try files.map {
                BugAttachmentDTO(
                    id: try $0.requireID(), kind: $0.kind.rawValue, file_name: $0.fileName, content_type: $0.contentType, byte_size: $0.byteSize,
                    url: SiteURL.bugAttachment(.value(bugID), .value(try $0.requireID())).path)
            },
            me_too_members: try await service.meToos(of: bugID).map { MemberRefDTO(id: $0.$user.id, name: $0.user.name) },
            my_me_too: mine, following: following,
            history: try await service.history(of: bugID).map {
                BugEventDTO(kind: $0.kind.rawValue, from: $0.from?.rawValue, to: $0.to?.rawValue, note: $0.note,
                            by: $0.actor.map { MemberRefDTO(id: $0.id ?? 0, name: $0.name) }, at: $0.createdAt)
            },
            discussion_url: bug.threadID.map { SiteURL.thread(.value($0)).path })
    }
}
