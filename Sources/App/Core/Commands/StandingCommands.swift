import Vapor

/// `canyu standing review [--all]` and `canyu standing duty`: the pyramid's daily and weekly
/// work, for cron until the release train's scheduler runs them in-process.
struct StandingCommands: AsyncCommandGroup {
    var help: String { "Runs the fan pyramid's reviews." }
    var commands: [String: any AnyAsyncCommand] { ["review": StandingReviewCommand(), "duty": StandingDutyCommand()] }
}

struct StandingReviewCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "all", help: "Review every member, not only those whose standing changed.")
        var all: Bool
        init() {}
    }

    var help: String { "Promotes members who meet a tier's conditions (daily)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let pyramid = PyramidService(context.application)
        let start = ContinuousClock.now
        if signature.all {
            let report = try await pyramid.reviewEveryone()
            context.console.print("Reviewed everyone: \(report.promoted.count) promoted, \(report.queued.count) waiting for quota (\(ContinuousClock.now - start)).")
        } else {
            let (reviewed, report) = try await pyramid.reviewChanged()
            context.console.print("Reviewed \(reviewed) member(s): \(report.promoted.count) promoted, \(report.queued.count) waiting for quota (\(ContinuousClock.now - start)).")
        }
    }
}

struct StandingDutyCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }

    var help: String { "Checks last week's duty of core fans (run after Sunday 24:00)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let demoted = try await PyramidService(context.application).checkWeeklyDuty()
        context.console.print("Weekly duty checked: \(demoted.count) core fan(s) moved back to fan.")
    }
}
