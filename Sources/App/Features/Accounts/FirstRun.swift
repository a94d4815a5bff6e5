import Synchronization
import Vapor

/// Whether the first admin exists. Once it does, the answer is remembered, so the home page
/// stops asking the database.
final class FirstRun: Sendable {
    private let complete = Mutex(false)

    static func isComplete(_ req: Request) async throws -> Bool {
        let state = req.application.firstRun
        if state.complete.withLock({ $0 }) { return true }
        let done = try await AccountsService(req).adminExists()
        if done { state.complete.withLock { $0 = true } }
        return done
    }
}

extension Application {
    private struct FirstRunKey: StorageKey { typealias Value = FirstRun }

    var firstRun: FirstRun {
        if let state = storage[FirstRunKey.self] { return state }
        let state = FirstRun()
        storage[FirstRunKey.self] = state
        return state
    }
}
