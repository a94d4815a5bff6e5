import Foundation
import Synchronization
import Vapor

/// The time, behind a seam so tests can pin it (weekly trains, sale windows and throttles depend on it).
public protocol AppClock: Sendable {
    func now() -> Date
}

public struct SystemClock: AppClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until moved; for tests.
public final class FixedClock: AppClock {
    private let current: Mutex<Date>

    public init(_ date: Date) { current = Mutex(date) }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = any AppClock }

    public var clock: any AppClock {
        get { storage[ClockKey.self] ?? SystemClock() }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
}
