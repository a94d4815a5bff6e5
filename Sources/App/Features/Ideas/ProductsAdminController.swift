import Fluent
import Vapor

/// `/admin/products` (staff): create products with their modules, and add members to a
/// product's team (who may then triage its ideas).
struct ProductsAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped(RequireMemberMiddleware())
        members.get(.adminProducts, use: show)
        members.post(.adminProducts, use: create)
        members.post(.adminProductTeam(.key), use: addTeamMember)
    }

    struct ProductRow: Encodable {
        let name: String
        let url: String
        let modules: String
        let team: String
        let teamAction: String
    }

    struct Context: Encodable {
        let layout: PageLayout
        let csrf: String
        let action: String
        let products: [ProductRow]
        let notice: String?
        let error: FormError?
    }

    private func render(_ req: Request, notice: String? = nil, error: FormError? = nil, status: HTTPStatus = .ok) async throws -> Response {
        guard IdeasPolicy.canManageProducts(req.currentUser) else { throw CoreError.forbidden }
        let service = IdeasService(req)
        var rows: [ProductRow] = []
        for product in try await service.products() {
            let id = try product.requireID()
            let team = try await ProductMember.query(on: req.db).filter(\.$product.$id == id).with(\.$user).all()
            rows.append(ProductRow(
                name: "\(product.icon) \(product.name(req.locale))", url: SiteURL.product(product.slug).path,
                modules: try await service.modules(of: id).map { "\($0.key) · \($0.name(req.locale)) · \($0.team)" }.joined(separator: "\n"),
                team: team.map(\.user.name).joined(separator: ", "), teamAction: SiteURL.adminProductTeam(.value(id)).path))
        }
        let context = Context(
            layout: req.layout(title: req.t("ideas.admin.title"), section: .ideas), csrf: req.csrfTokenIfMember ?? "",
            action: SiteURL.adminProducts.path, products: rows, notice: notice, error: error)
        return try await req.page("ideas/admin", context, status: status)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, notice: req.query[String.self, at: "notice"] == "saved" ? req.t("ideas.admin.saved") : nil)
    }

    struct ProductForm: Content {
        var slug: String?
        var name_zh: String?
        var name_en: String?
        var description_zh: String?
        var description_en: String?
        var icon: String?
        /// One module per line: `key | 中文名 | English name | team`.
        var modules: String?
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(ProductForm.self)
        do {
            let modules = (form.modules ?? "").split(whereSeparator: \.isNewline).compactMap { line -> IdeasService.ModuleInput? in
                let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let key = parts.first, !key.isEmpty else { return nil }
                return .init(key: key, nameZh: parts.count > 1 ? parts[1] : nil, nameEn: parts.count > 2 ? parts[2] : nil, team: parts.count > 3 ? parts[3] : nil)
            }
            _ = try await IdeasService(req).createProduct(
                .init(slug: form.slug, nameZh: form.name_zh, nameEn: form.name_en, descriptionZh: form.description_zh, descriptionEn: form.description_en,
                      icon: form.icon, modules: modules),
                by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.adminProducts.path + "?notice=saved")
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await render(req, error: formError, status: status)
        }
    }

    struct TeamForm: Content {
        var email: String?
        var team: String?
    }

    func addTeamMember(req: Request) async throws -> Response {
        let form = try req.content.decode(TeamForm.self)
        do {
            let key = AccountRules.emailKey(form.email ?? "")
            guard let member = try await User.query(on: req.db).filter(\.$emailKey == key).first() else {
                throw CoreError.invalidField(field: "email", messageKey: "ideas.invalid.member")
            }
            try await IdeasService(req).addTeamMember(try member.requireID(), to: try req.idParameter(), team: form.team, by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.adminProducts.path + "?notice=saved")
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await render(req, error: formError, status: status)
        }
    }
}
