import Fluent
import Leaf
import Vapor

/// Builds the application: databases, middleware, pages, migrations and routes.
public func configure(_ app: Application, _ config: AppConfig) async throws {
    app.config = config
    app.localizer = try Localizer.load(from: app.directory.resourcesDirectory + "Locales/")

    try DatabaseSetup.configure(app, config)
    registerMigrations(app)
    app.fluent.migrationLogLevel = .debug

    app.views.use(.leaf)
    app.leaf.tags["t"] = TranslateTag()
    // Templates are read once in production; in development edits show on reload.
    app.leaf.cache.isEnabled = app.environment.isRelease

    app.routes.defaultMaxBodySize = ByteCount(value: config.maxBodyBytes)
    app.http.server.configuration.hostname = "127.0.0.1"
    app.http.server.configuration.port = 8080
    app.http.server.configuration.serverName = "canyu"

    let contentEncoder = JSONBytes.encoder()
    let contentDecoder = JSONDecoder()
    contentDecoder.dateDecodingStrategy = .iso8601
    ContentConfiguration.global.use(encoder: contentEncoder, for: .json)
    ContentConfiguration.global.use(decoder: contentDecoder, for: .json)

    // Outermost first: metrics see every final status; errors become pages or JSON; static
    // files are served before any session work.
    app.middleware = Middlewares()
    app.middleware.use(RequestMetricsMiddleware(metrics: app.requestMetrics))
    if config.logRequests { app.middleware.use(RouteLoggingMiddleware(logLevel: .info)) }
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(MultipartGuardMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(WebSessionMiddleware())

    app.lifecycle.use(BackgroundJobsLifecycle())
    app.backgroundJobs.register("view counts", every: .seconds(5)) { app in
        try await app.viewCounter.flush(to: app.db)
    }
    app.backgroundJobs.register("token last-used times", every: .seconds(5)) { [tokenUses = app.tokenUses] app in
        try await tokenUses.flush(to: app.db)
    }
    app.backgroundJobs.register("release train", every: .seconds(30)) { app in
        try await ReleaseTrain(ReleasesService(app)).tick()
    }
    app.backgroundJobs.registerWarmUp("leaderboards") { app in try await StandingCaches.warm(app) }
    if let sendmail = config.sendmailPath {
        app.backgroundJobs.register("email outbox", every: .seconds(15)) { app in
            let from = "Canyu <no-reply@\(app.config.baseURL.host ?? "localhost")>"
            try await OutboxMailer(db: app.db, clock: app.clock, sendmailPath: sendmail, fromAddress: from).deliverDue()
        }
    }

    registerCommands(app)
    try routes(app)
}
