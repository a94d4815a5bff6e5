import Foundation
import NIOCore
import NIOPosix
import Vapor

/// Starts Canyu: reads the configuration, opens the database, runs the command. A bad setting,
/// an unreachable database or a failed command ends with one clear line and a non-zero code.
public enum CanyuMain {
    /// Makes the event loops Swift's global executor, as Vapor's template offers: async request
    /// handlers then run on the loop that serves them, instead of hopping to Swift's own threads
    /// and back around every database call (the larger part of a simple API call's CPU, by
    /// `perf`). Blocking work must therefore go to a thread pool, as bcrypt, image writes and
    /// sendmail do, and nothing may `.wait()` on a future. Call first thing in `main`.
    public static func runTasksOnEventLoops() {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    public static func run() async -> Int32 {
        var env: Environment
        do {
            env = try Environment.detect()
        } catch {
            printError("error: \(error)")
            return 2
        }
        do {
            try LoggingSystem.bootstrap(from: &env)
        } catch {
            printError("error: \(error)")
            return 2
        }
        var config: AppConfig
        do {
            config = try AppConfig.fromEnvironment(ProcessInfo.processInfo.environment, production: env.isRelease)
        } catch {
            printError("\(error)")
            return 2
        }
        let command = env.arguments.dropFirst().first
        if command == "demo" {
            config = DemoDatabase.recreate(config)
        }
        let app: Application
        do {
            app = try await Application.make(env)
        } catch {
            printError("error: \(error)")
            return 2
        }
        var code: Int32 = 0
        do {
            try await configure(app, config)
            let wantsHelp = env.arguments.contains("--help") || env.arguments.contains("-h")
            if !wantsHelp { try await DatabaseSetup.prepare(app, config) }
            // Not app.execute(): it logs a failure before re-throwing it, and we print one line.
            try await app.startup()
            try await app.running?.onStop.get()
        } catch let failure as CommandFailure {
            printError(failure.message)
            code = failure.exitCode
        } catch {
            printError("\(error)")
            code = 2
        }
        try? await app.asyncShutdown()
        return code
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A command that could not do its work, with the one line that says why.
struct CommandFailure: Error {
    let message: String
    var exitCode: Int32 = 1
}
