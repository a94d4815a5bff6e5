import Fluent
import Vapor

/// `canyu serve [--hostname H] [--port P] [--no-migrate]`: migrates, then serves until stopped.
struct ServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Address to listen on (default 127.0.0.1).")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Port to listen on (default 8080).")
        var port: Int?
        @Flag(name: "no-migrate", help: "Do not run pending migrations first.")
        var noMigrate: Bool
        init() {}
    }

    var help: String { "Runs the Canyu server." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if !signature.noMigrate {
            try await Migrations.runPending(app, console: context.console)
        }
        try await Serving.serve(app, hostname: signature.hostname, port: signature.port, context: context)
    }
}

enum Serving {
    static func serve(_ app: Application, hostname: String?, port: Int?, context: CommandContext) async throws {
        if let port {
            guard (1...65535).contains(port) else { throw CommandFailure(message: "error: --port must be from 1 to 65535", exitCode: 2) }
            app.http.server.configuration.port = port
        }
        if let hostname { app.http.server.configuration.hostname = hostname }
        let address = "\(app.http.server.configuration.hostname):\(app.http.server.configuration.port)"
        app.backgroundJobs.start(app)
        do {
            // Vapor's own serve command does the listening and the signal handling; the address
            // is already in the server configuration, so it gets no arguments.
            var serveContext = context
            serveContext.input = CommandInput(arguments: ["canyu"])
            try await app.servers.asyncCommand.run(using: &serveContext)
        } catch {
            throw CommandFailure(message: "error: cannot serve on \(address): \(error)", exitCode: 2)
        }
    }
}

enum Migrations {
    /// Runs what is pending and says what it ran; running it again does nothing.
    static func runPending(_ app: Application, console: any Console) async throws {
        try await app.migrator.setupIfNeeded().get()
        let pending = try await app.migrator.previewPrepareBatch().get()
        guard !pending.isEmpty else { return }
        try await app.migrator.prepareBatch().get()
        let names: [String] = pending.map { migration, _ in
            let name = migration.name
            return name.split(separator: ".").last.map(String.init) ?? name
        }
        console.print("Applied \(pending.count) migration(s): " + names.joined(separator: ", "))
    }
}

/// `canyu migrate [--revert]`.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Revert the last batch of migrations.")
        var revert: Bool
        init() {}
    }

    var help: String { "Applies pending migrations (idempotent), or reverts the last batch." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if signature.revert {
            try await app.migrator.setupIfNeeded().get()
            let batch = try await app.migrator.previewRevertLastBatch().get()
            guard !batch.isEmpty else {
                context.console.print("Nothing to revert.")
                return
            }
            try await app.migrator.revertLastBatch().get()
            context.console.print("Reverted \(batch.count) migration(s).")
        } else {
            let before = try await pendingCount(app)
            try await Migrations.runPending(app, console: context.console)
            if before == 0 { context.console.print("The database is up to date.") }
        }
    }

    private func pendingCount(_ app: Application) async throws -> Int {
        try await app.migrator.setupIfNeeded().get()
        return try await app.migrator.previewPrepareBatch().get().count
    }
}

func registerCommands(_ app: Application) {
    app.asyncCommands.use(ServeCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(AdminCommands(), as: "admin")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(StandingCommands(), as: "standing")
}
