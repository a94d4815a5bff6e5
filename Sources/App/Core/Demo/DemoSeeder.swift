import Fluent
import Foundation
import Vapor

/// One feature's part of the demo community. Steps run in order (later ones build on what
/// earlier ones made, through `DemoContext`), each reporting progress in units.
protocol DemoStep: Sendable {
    var title: String { get }
    /// How many units of work the step will report, for the progress bar.
    func units(_ context: DemoContext) -> Int
    func seed(_ context: DemoContext) async throws
}

/// What the steps share: the database, one seeded generator, the time, and what was made so far.
final class DemoContext {
    static let password = "canyu-demo"

    let app: Application
    var db: any Database { app.db }
    var random: SeededGenerator
    let now: Date
    /// The hash of the shared demo password: bcrypt once, not once per member.
    let passwordHash: String
    let progress: ProgressBar

    /// Accounts by role, for the logins printed at the end and for later steps to act as.
    var logins: [(role: String, email: String)] = []
    var memberIDs: [Int] = []
    var staffIDs: [Int] = []

    init(app: Application, seed: UInt64, passwordHash: String, progress: ProgressBar) {
        self.app = app
        self.random = SeededGenerator(seed: seed)
        self.now = app.clock.now()
        self.passwordHash = passwordHash
        self.progress = progress
    }
}

enum DemoSeeder {
    /// Every feature's demo step, in order. Later areas append theirs here.
    static let steps: [any DemoStep] = [
        MembersDemoStep(),
        StandingDemoStep(),
        ForumDemoStep(),
        IdeasDemoStep(),
        ReleasesDemoStep(),
        BugsDemoStep(),
    ]

    static func run(_ app: Application, seed: UInt64 = 20_110_816, output: @escaping @Sendable (String) -> Void) async throws -> DemoContext {
        let hash = try await app.passwordHasher.hash(DemoContext.password)
        let progress = ProgressBar(output: output)
        let context = DemoContext(app: app, seed: seed, passwordHash: hash, progress: progress)
        progress.total = steps.reduce(0) { $0 + $1.units(context) }
        for step in steps {
            progress.title = step.title
            try await step.seed(context)
        }
        progress.finish()
        return context
    }
}

/// `[#########-----------]  45%  members` on a terminal; a line per tenth elsewhere.
final class ProgressBar {
    var total = 1
    var title = ""
    private var done = 0
    private var lastTenth = -1
    private let output: (String) -> Void
    private let interactive = isatty(STDOUT_FILENO) == 1

    init(output: @escaping (String) -> Void) { self.output = output }

    func advance(by units: Int = 1) {
        done = min(total, done + units)
        let fraction = Double(done) / Double(max(total, 1))
        if interactive {
            let width = 30
            let filled = Int(fraction * Double(width))
            output("\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
                + String(format: "%3d%%", Int(fraction * 100)) + "  " + title + "   ")
        } else {
            let tenth = Int(fraction * 10)
            if tenth != lastTenth {
                lastTenth = tenth
                output("seeding: \(tenth * 10)% (\(title))\n")
            }
        }
    }

    func finish() {
        if interactive { output("\n") }
    }
}

/// The demo always lives in its own file, recreated on each run.
enum DemoDatabase {
    static let path = "canyu-demo.sqlite"

    static func recreate(_ config: AppConfig) -> AppConfig {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        var demo = config
        demo.storage = .sqliteFile(path: path)
        return demo
    }
}
