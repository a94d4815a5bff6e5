import Vapor

/// `canyu demo`: a fresh, deterministic demo community in `canyu-demo.sqlite`, then the server.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Address to listen on (default 127.0.0.1).")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Port to listen on (default 8080).")
        var port: Int?
        @Flag(name: "no-serve", help: "Create the demo database and stop.")
        var noServe: Bool
        init() {}
    }

    var help: String { "Creates the demo community in \(DemoDatabase.path) and serves it." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        try await Migrations.runPending(app, console: console)
        let start = ContinuousClock.now
        let demo = try await DemoSeeder.run(app) { text in console.output(text.consoleText(), newLine: false) }
        console.print("Demo community ready in \(DemoDatabase.path) (\(ContinuousClock.now - start)).")
        if signature.noServe { return }
        let host = signature.hostname ?? app.http.server.configuration.hostname
        let port = signature.port ?? app.http.server.configuration.port
        console.print("")
        console.print("Canyu demo: http://\(host):\(port)/")
        console.print("Demo logins (password for all: \(DemoContext.password)):")
        for login in demo.logins {
            console.print("  \(login.role.padding(toLength: 10, withPad: " ", startingAt: 0)) \(login.email)")
        }
        console.print("Press Ctrl-C to stop.")
        try await Serving.serve(app, hostname: signature.hostname, port: signature.port, context: context)
    }
}
