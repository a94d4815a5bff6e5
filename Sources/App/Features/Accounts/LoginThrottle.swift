import Fluent
import Foundation

/// After 10 failed logins for one account, or from one address, within 15 minutes, further
/// attempts are refused until the oldest of those failures leaves the window.
struct LoginThrottle {
    static let limit = 10
    static let window: TimeInterval = 15 * 60

    let db: any Database
    let clock: any AppClock

    /// Throws `RateLimited` with the time when trying again can succeed.
    func check(accountKey: String, ip: String) async throws {
        let now = clock.now()
        let since = now.addingTimeInterval(-Self.window)
        let byAccount = try await LoginFailure.query(on: db)
            .filter(\.$accountKey == accountKey).filter(\.$failedAt > since)
            .sort(\.$failedAt, .descending).range(..<Self.limit).all(\.$failedAt)
        let byAddress = try await LoginFailure.query(on: db)
            .filter(\.$ip == ip).filter(\.$failedAt > since)
            .sort(\.$failedAt, .descending).range(..<Self.limit).all(\.$failedAt)
        // The tenth most recent failure is the one whose expiry brings the count under the limit.
        let unblockTimes = [byAccount, byAddress].filter { $0.count >= Self.limit }.map { $0[Self.limit - 1] + Self.window }
        if let retryAt = unblockTimes.max() {
            throw RateLimited(retryAt: retryAt, now: now, messageKey: "accounts.error.too_many_attempts")
        }
    }

    func recordFailure(accountKey: String, ip: String) async throws {
        let now = clock.now()
        try await LoginFailure(accountKey: accountKey, ip: ip, failedAt: now).create(on: db)
        // Keep the table to the window's size.
        try await LoginFailure.query(on: db).filter(\.$failedAt < now.addingTimeInterval(-Self.window)).delete()
    }

    func clear(accountKey: String) async throws {
        try await LoginFailure.query(on: db).filter(\.$accountKey == accountKey).delete()
    }
}
