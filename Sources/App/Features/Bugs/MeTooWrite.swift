import Fluent
import Foundation
import SQLKit

/// One member's "me too" on its way in, written through `GroupCommitKind` (on SQLite's single
/// writer, many in one transaction). Each step is a guarded statement, so it is exact with
/// concurrent transactions too (PostgreSQL): the count moves by SQL arithmetic, and the crowd
/// confirmation is an update from `new` that only one write can win.
struct MeTooWrite: Sendable {
    let bugID: Int
    let userID: Int
    let releaseID: Int?
    let deviceModel: String
    /// The account is old enough to count toward the crowd confirmation.
    let qualified: Bool
    let at: Date
    let thresholds: BugThresholds

    enum Outcome: Sendable, Equatable {
        /// Counted: the bug's "me too"s right after; whether this one confirmed it or reopened it.
        case added(count: Int, confirmed: Bool, reopened: Bool)
        case already
        case closed
        case ownBug
        case notFound
    }

    static let kind = GroupCommitKind<MeTooWrite, Outcome>(name: "bug_me_toos", maxBatch: 200) { writes, sql in
        var outcomes: [Outcome] = []
        // Within one transaction of the single writer, one after another: each sees the last.
        for write in writes { outcomes.append(try await write.apply(on: sql)) }
        return outcomes
    }

    private func apply(on sql: any SQLDatabase) async throws -> Outcome {
        guard let bug = try await sql.raw("""
            SELECT status, reporter_id, checked_on_release_id, confirmed_at FROM bugs WHERE id = \(bind: bugID)
            """).first()
        else { return .notFound }
        let status = try bug.decode(column: "status", as: BugStatus.self)
        guard try bug.decode(column: "reporter_id", as: Int.self) != userID else { return .ownBug }
        guard status.takesMeToo else { return .closed }
        let added = try await sql.raw("""
            INSERT INTO bug_me_toos (bug_id, user_id, release_id, device_model, qualified, created_at)
            VALUES (\(bind: bugID), \(bind: userID), \(bind: releaseID), \(bind: deviceModel), \(bind: qualified), \(bind: at))
            ON CONFLICT (bug_id, user_id) DO NOTHING RETURNING id
            """).first()
        guard added != nil else { return .already }
        let followed = try await sql.raw("""
            INSERT INTO bug_follows (bug_id, user_id) VALUES (\(bind: bugID), \(bind: userID)) ON CONFLICT (bug_id, user_id) DO NOTHING RETURNING user_id
            """).first() != nil
        guard let counts = try await sql.raw("""
            UPDATE bugs SET me_too_count = me_too_count + 1, qualified_me_too_count = qualified_me_too_count + \(bind: qualified ? 1 : 0),
            follower_count = follower_count + \(bind: followed ? 1 : 0), active_at = \(bind: at)
            WHERE id = \(bind: bugID) AND status IN (\(binds: BugStatus.allCases.filter(\.takesMeToo).map(\.rawValue)))
            RETURNING me_too_count, qualified_me_too_count, duplicate_count, follower_count, severity
            """).first()
        else {
            // Closed between the read and the update (another node's transaction): take it back.
            try await sql.raw("DELETE FROM bug_me_toos WHERE bug_id = \(bind: bugID) AND user_id = \(bind: userID)").run()
            return .closed
        }
        let count = try counts.decode(column: "me_too_count", as: Int.self)
        let rank = BugHeat.rank(
            meToos: count, duplicates: try counts.decode(column: "duplicate_count", as: Int.self),
            followers: try counts.decode(column: "follower_count", as: Int.self), severity: try counts.decode(column: "severity", as: BugSeverity?.self),
            activeAt: at)
        // Written only while the count is still the one it came from: of two at once, the later stands.
        try await sql.raw("UPDATE bugs SET heat_rank = \(bind: rank) WHERE id = \(bind: bugID) AND me_too_count = \(bind: count)").run()

        var reopened = false
        if status == .cannotReproduce, let releaseID, let checked = try bug.decode(column: "checked_on_release_id", as: Int?.self), releaseID > checked {
            let back: BugStatus = try bug.decode(column: "confirmed_at", as: Date?.self) == nil ? .new : .confirmed
            reopened = try await BugsService.move(
                bugID, from: .cannotReproduce, to: back, kind: .reopened, note: "build:\(releaseID)", actorID: nil, at: at, on: sql)
        }
        let qualifiedCount = try counts.decode(column: "qualified_me_too_count", as: Int.self)
        var confirmed = false
        if qualifiedCount >= thresholds.confirmMeToos, status == .new || reopened {
            confirmed = try await BugsService.move(
                bugID, from: .new, to: .confirmed, kind: .confirmed, note: "crowd:\(qualifiedCount)", actorID: nil, at: at, on: sql)
        }
        return .added(count: count, confirmed: confirmed, reopened: reopened)
    }
}
