import Fluent
import Vapor

/// The bug page: the report, its heat by parts, "me too", following, verification, the team's
/// and triagers' forms, the private parts for those who may see them, and the history.
enum BugShow {
    typealias Option = IdeaViews.Option

    struct HeatPart: Encodable {
        let label: String
        let value: String
    }

    struct HistoryRow: Encodable {
        let text: String
        let note: String
        let by: String
        let when: String
    }

    struct FileRow: Encodable {
        let name: String
        let url: String
        let size: String
        let isImage: Bool
    }

    struct MeTooRow: Encodable {
        let name: String
        let url: String
        /// Shown to those who may see private parts only.
        let device: String?
        let build: String?
    }

    struct Manage: Encodable {
        let statusAction: String
        let statuses: [Option]
        let builds: [Option]
    }

    struct Triage: Encodable {
        let action: String
        let duplicateAction: String
        let severities: [Option]
        let modules: [Option]
    }

    struct Verify: Encodable {
        let action: String
        let builds: [Option]
        let fixedIn: String
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String?
        let product: IdeaViews.ProductLink
        let bugsURL: String
        let id: Int
        let title: String
        let status: String
        let statusLabel: String
        let severity: String?
        let severityLabel: String?
        let module: String?
        let build: String?
        let fixedIn: String?
        let fixedInURL: String?
        let frequency: String
        let reporter: String
        let reporterURL: String
        let when: String
        let stepsHTML: String
        let expectedHTML: String
        let actualHTML: String
        let heat: Int
        let heatParts: [HeatPart]
        let meTooCount: Int
        let verifications: String?
        let takesMeToo: Bool
        let isReporter: Bool
        let meToo: Bool
        let following: Bool
        let meTooAction: String
        let followAction: String
        let builds: [Option]
        let duplicateOfURL: String?
        let discussionURL: String?
        let screenshots: [FileRow]
        let privateVisible: Bool
        let deviceModel: String?
        let logs: [FileRow]
        let meToos: [MeTooRow]
        let verify: Verify?
        let manage: Manage?
        let triage: Triage?
        let history: [HistoryRow]
        let loginURL: String?
        let error: String?
    }

    static func context(on req: Request, id: Int, error: String? = nil) async throws -> Context {
        let service = BugsService(req)
        let bug = try await service.bug(id)
        guard let product = try await Product.find(bug.$product.id, on: req.db) else { throw CoreError.notFound }
        let viewer = req.currentUser
        let (locale, zone, now) = (req.locale, req.viewerTimeZone, req.now)
        let mayPrivate = try await BugsPolicy.canSeePrivate(viewer, bug: bug, on: req.db)
        let mayTriage = try await BugsPolicy.canTriage(viewer, product: bug.$product.id, on: req.db)
        let mayManage = try await BugsPolicy.canManage(viewer, product: bug.$product.id, on: req.db)
        let reporter = try await User.find(bug.$reporter.id, on: req.db)
        let modules = try await IdeasService(req).modules(of: bug.$product.id)
        let meToos = try await service.meToos(of: id, limit: 50)
        let versions = try await versions(of: [bug.releaseID, bug.fixedInReleaseID] + meToos.map(\.releaseID), on: req.db)
        // The builds the viewer may name, read once for every form on the page.
        let builds = viewer == nil ? [] : try await BugViews.buildOptions(product, selected: nil, none: req.t("bugs.no_build"), on: req)
        let files = try await service.attachments(of: id)
        let heat = bug.heat(at: now)
        var meToo = false
        var following = false
        var verify: Verify?
        if let viewerID = viewer?.id {
            meToo = try await service.hasMeToo(id, by: viewerID)
            following = try await service.isFollowing(id, by: viewerID)
            if bug.status == .fixed, let fixedIn = bug.fixedInReleaseID, try await BugsPolicy.canVerify(viewerID, bug: bug, on: service.sql),
                !(try await service.hasVerified(bug, by: viewerID))
            {
                verify = Verify(
                    action: SiteURL.bugVerify(.value(id)).path,
                    builds: builds.compactMap { option -> Option? in
                        guard let value = Int(option.value) else { return Option(value: "", label: req.t("bugs.choose_build"), selected: false) }
                        return value >= fixedIn ? Option(value: option.value, label: option.label, selected: value == fixedIn) : nil
                    },
                    fixedIn: versions[fixedIn] ?? "")
            }
        }
        func fileRow(_ file: BugAttachment) -> FileRow {
            FileRow(
                name: file.fileName, url: SiteURL.bugAttachment(.value(id), .value(file.id ?? 0)).path,
                size: ByteCountFormatter.string(fromByteCount: Int64(file.byteSize), countStyle: .file), isImage: file.kind == .screenshot)
        }
        return Context(
            layout: req.layout(title: bug.title, section: .bugs), csrf: req.csrfTokenIfMember, product: IdeaViews.productLink(product, locale),
            bugsURL: SiteURL.productBugs(product.slug).path, id: id, title: bug.title, status: bug.status.rawValue, statusLabel: req.t(bug.status.labelKey),
            severity: bug.severity?.rawValue, severityLabel: bug.severity.map { req.t($0.labelKey) }, module: modules.first { $0.id == bug.$module.id }?.name(locale),
            build: bug.releaseID.flatMap { versions[$0] }, fixedIn: bug.fixedInReleaseID.flatMap { versions[$0] },
            fixedInURL: bug.fixedInReleaseID.map { SiteURL.release(.value($0)).path }, frequency: req.t(bug.frequency.labelKey),
            reporter: reporter?.name ?? "", reporterURL: SiteURL.profile(.value(bug.$reporter.id)).path,
            when: DateDisplay.dateTime(bug.createdAt, locale, zone), stepsHTML: ForumMarkdown.html(bug.steps), expectedHTML: ForumMarkdown.html(bug.expected),
            actualHTML: ForumMarkdown.html(bug.actual), heat: heat.score,
            heatParts: [
                HeatPart(label: req.t("bugs.heat.affected", String(bug.meTooCount + 1)), value: "+\(heat.affected)"),
                HeatPart(label: req.t("bugs.heat.duplicates", String(bug.duplicateCount)), value: "+\(heat.duplicates)"),
                HeatPart(label: req.t("bugs.heat.followers", String(bug.followerCount)), value: "+\(heat.followers)"),
                HeatPart(label: req.t("bugs.heat.severity", bug.severity.map { req.t($0.labelKey) } ?? req.t("bugs.severity.unset")), value: "+\(heat.severity)"),
                HeatPart(label: req.t("bugs.heat.recency"), value: "×" + String(format: "%.2f", heat.recency)),
            ],
            meTooCount: bug.meTooCount,
            verifications: bug.status == .fixed ? req.t("bugs.verifications", String(bug.verifiedCount), String(req.application.config.bugs.verificationsNeeded)) : nil,
            takesMeToo: bug.status.takesMeToo, isReporter: viewer?.id == bug.$reporter.id, meToo: meToo, following: following,
            meTooAction: SiteURL.bugMeToo(.value(id)).path, followAction: SiteURL.bugFollow(.value(id)).path, builds: builds,
            duplicateOfURL: bug.$duplicateOf.id.map { SiteURL.bug(.value($0)).path },
            discussionURL: bug.threadID.map { SiteURL.thread(.value($0)).path },
            screenshots: files.filter { $0.kind == .screenshot }.map(fileRow), privateVisible: mayPrivate,
            deviceModel: mayPrivate ? bug.deviceModel : nil, logs: mayPrivate ? files.filter { $0.kind == .log }.map(fileRow) : [],
            meToos: meToos.map {
                MeTooRow(
                    name: $0.user.name, url: SiteURL.profile(.value($0.$user.id)).path, device: mayPrivate ? $0.deviceModel : nil,
                    build: $0.releaseID.flatMap { versions[$0] })
            },
            verify: verify,
            manage: mayManage || (mayTriage && bug.status == .new)
                ? Manage(
                    statusAction: SiteURL.bugStatus(.value(id)).path,
                    statuses: (mayManage ? bug.status.next : [.confirmed]).map { Option(value: $0.rawValue, label: req.t($0.labelKey), selected: false) },
                    builds: builds)
                : nil,
            triage: mayTriage && bug.status != .duplicate
                ? Triage(
                    action: SiteURL.bugTriage(.value(id)).path, duplicateAction: SiteURL.bugDuplicate(.value(id)).path,
                    severities: BugSeverity.allCases.map { Option(value: $0.rawValue, label: req.t($0.labelKey), selected: $0 == bug.severity) },
                    modules: BugViews.moduleOptions(modules, selected: modules.first { $0.id == bug.$module.id }?.key, none: req.t("ideas.no_module"), on: req))
                : nil,
            history: try await service.history(of: id).map { event in
                HistoryRow(
                    text: eventText(event, versions: versions, on: req), note: event.kind == .reopened || event.kind == .verification ? "" : event.note,
                    by: event.actor?.name ?? req.t("bugs.by_crowd"), when: DateDisplay.dateTime(event.createdAt, locale, zone))
            },
            loginURL: viewer == nil ? SiteURL.withNext(SiteURL.login.path, SiteURL.bug(.value(id)).path) : nil, error: error)
    }

    static func eventText(_ event: BugEvent, versions: [Int: String], on req: Request) -> String {
        let build = event.note.hasPrefix("build:") ? Int(event.note.dropFirst(6)).flatMap { versions[$0] } ?? "" : ""
        switch event.kind {
        case .confirmed: return req.t("bugs.event.confirmed")
        case .severity: return req.t("bugs.event.severity", req.t("bugs.severity.\(event.note)"))
        case .module: return req.t("bugs.event.module", event.note)
        case .duplicate: return req.t("bugs.event.duplicate")
        case .verification: return req.t("bugs.event.verification", build)
        case .reopened: return req.t("bugs.event.reopened", build)
        case .status: return req.t("bugs.event.status", event.from.map { req.t($0.labelKey) } ?? "", event.to.map { req.t($0.labelKey) } ?? "")
        }
    }

    /// The versions of the builds named, in one query.
    static func versions(of ids: [Int?], on db: any Database) async throws -> [Int: String] {
        let wanted = Array(Set(ids.compactMap { $0 }))
        guard !wanted.isEmpty else { return [:] }
        return try await Release.query(on: db).filter(\.$id ~~ wanted).all().reduce(into: [:]) { $0[$1.id ?? 0] = $1.version }
    }
}
