import Vapor

/// Registers each feature's pages and API.
func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: LocaleController())

    try app.register(collection: UploadsController())

    let pages = app.grouped(CSRFMiddleware())
    try pages.register(collection: HomeController(anonymousCache: app.anonymousPageCache))
    try pages.register(collection: AccountsController())
    try pages.register(collection: SettingsController())
    try pages.register(collection: ProfileController())
    try pages.register(collection: StandingController())
    try pages.register(collection: PyramidController(anonymousCache: app.anonymousPageCache))
    try pages.register(collection: MedalsController())
    try pages.register(collection: StandingAdminController())
    try pages.register(collection: ForumController(anonymousCache: app.anonymousPageCache, memberCache: app.memberPageCache))
    try pages.register(collection: ReportsController())
    try pages.register(collection: SearchController(visitorPages: app.searchVisitorPages, memberPages: app.searchMemberPages))
    try pages.register(collection: NotificationsController())
    try pages.register(collection: ForumAdminController())
    try pages.register(collection: SanctionsController())
    try pages.register(collection: IdeasController(anonymousCache: app.anonymousPageCache))
    try pages.register(collection: PollsController())
    try pages.register(collection: ProductsAdminController())
    try pages.register(collection: ReleasesController(anonymousCache: app.anonymousPageCache, memberCache: app.memberPageCache))
    try pages.register(collection: BugsController(anonymousCache: app.anonymousPageCache))

    let api = app.grouped("api", "v1").grouped(BearerTokenAuthenticator())
    try api.register(collection: OpenAPIController())
    try api.register(collection: APIAccountsController())
    try api.register(collection: APIStandingController())
    try api.register(collection: APIPyramidController())
    try api.register(collection: APIMedalsController())
    try api.register(collection: APIForumController())
    try api.register(collection: APINotificationsController())
    try api.register(collection: APIIdeasController())
    try api.register(collection: APIPollsController())
    try api.register(collection: APIReleasesController())
    try api.register(collection: APIBugsController())
}
