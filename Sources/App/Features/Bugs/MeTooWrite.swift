import Fluent
import Foundation
import SQLKit

/// One member's "me too" on its way in, written through `GroupCommitKind`. Alone, each step is
/// a guarded statement, so it is exact with concurrent transactions too (PostgreSQL): the count
/// moves by SQL arithmetic, and the crowd confirmation is an update from `new` that only one
/// write can win. In a batch (SQLite's single writer, whose transaction nothing else can
/// interleave), a few statements cover the whole batch; see `many`.
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
        /// Counted: the bug's "me too"s and status right after; whether this one confirmed it or reopened it.
        case added(count: Int, status: BugStatus, confirmed: Bool, reopened: Bool)
        case already
        case closed
        case ownBug
        case notFound
    }

    static let kind = GroupCommitKind<MeTooWrite, Outcome>(name: "bug_me_toos", maxBatch: 200) { writes, sql in
        if writes.count == 1 { return [try await writes[0].apply(on: sql)] }
        return try await many(writes, on: sql)
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
        guard let counts = try await sql.raw("""
            UPDATE bugs SET me_too_count = me_too_count + 1, qualified_me_too_count = qualified_me_too_count + \(bind: qualified ? 1 : 0),
            active_at = \(bind: at)
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

        // Each move is guarded: one that another transaction beat (PostgreSQL) does not count.
        var now = status
        var made: [Move] = []
        for move in moves(
            status: status, wasConfirmed: try bug.decode(column: "confirmed_at", as: Date?.self) != nil,
            checkedOn: try bug.decode(column: "checked_on_release_id", as: Int?.self), qualified: try counts.decode(column: "qualified_me_too_count", as: Int.self))
        where try await BugsService.move(bugID, from: move.from, to: move.to, kind: move.kind, note: move.note, actorID: nil, at: at, on: sql) {
            now = move.to
            made.append(move)
        }
        return .added(count: count, status: now, confirmed: made.contains { $0.kind == .confirmed }, reopened: made.contains { $0.kind == .reopened })
    }

    /// A status move a counted "me too" brings about.
    struct Move: Sendable {
        let from: BugStatus
        let to: BugStatus
        let kind: BugEvent.Kind
        let note: String
    }

    /// The crowd's rules, in one place for both paths: a "me too" from a build later than the
    /// one a bug could not be reproduced on reopens it (as confirmed if it had been); enough
    /// qualified "me too"s confirm a new bug.
    func moves(status: BugStatus, wasConfirmed: Bool, checkedOn: Int?, qualified: Int) -> [Move] {
        var moves: [Move] = []
        var now = status
        if now == .cannotReproduce, let releaseID, let checkedOn, releaseID > checkedOn {
            let back: BugStatus = wasConfirmed ? .confirmed : .new
            moves.append(Move(from: .cannotReproduce, to: back, kind: .reopened, note: "build:\(releaseID)"))
            now = back
        }
        if now == .new, qualified >= thresholds.confirmMeToos {
            moves.append(Move(from: .new, to: .confirmed, kind: .confirmed, note: "crowd:\(qualified)"))
        }
        return moves
    }

    /// A batch in one transaction of the single writer: read the bugs, insert the new rows (one
    /// insert for the batch), work out every bug's counts, heat and status in
    /// order, then write the counts in one statement and the (rare) status moves one by one.
    /// Reading then writing is exact here only because no other write can interleave.
    private static func many(_ writes: [MeTooWrite], on sql: any SQLDatabase) async throws -> [Outcome] {
        struct Pair: Hashable { let bug: Int, user: Int }
        struct BugNow {
            var status: BugStatus
            let reporter: Int
            let checkedOn: Int?
            let wasConfirmed: Bool
            var meToos: Int
            var qualified: Int
            let duplicates: Int
            let followers: Int
            let severity: BugSeverity?
            var activeAt: Date
        }
        var bugs: [Int: BugNow] = [:]
        for row in try await sql.raw("""
            SELECT id, status, reporter_id, checked_on_release_id, confirmed_at, me_too_count, qualified_me_too_count, duplicate_count, follower_count, severity, active_at
            FROM bugs WHERE id IN (\(binds: Array(Set(writes.map(\.bugID)))))
            """).all() {
            bugs[try row.decode(column: "id", as: Int.self)] = BugNow(
                status: try row.decode(column: "status", as: BugStatus.self), reporter: try row.decode(column: "reporter_id", as: Int.self),
                checkedOn: try row.decode(column: "checked_on_release_id", as: Int?.self),
                wasConfirmed: try row.decode(column: "confirmed_at", as: Date?.self) != nil, meToos: try row.decode(column: "me_too_count", as: Int.self),
                qualified: try row.decode(column: "qualified_me_too_count", as: Int.self), duplicates: try row.decode(column: "duplicate_count", as: Int.self),
                followers: try row.decode(column: "follower_count", as: Int.self), severity: try row.decode(column: "severity", as: BugSeverity?.self),
                activeAt: try row.decode(column: "active_at", as: Date.self))
        }
        var outcome = [Outcome](repeating: .already, count: writes.count)
        var tried: [Int] = []
        var seen = Set<Pair>()
        for (index, write) in writes.enumerated() {
            // A repeat in the same batch is "already", as it would be one after the other.
            guard seen.insert(Pair(bug: write.bugID, user: write.userID)).inserted else { continue }
            guard let bug = bugs[write.bugID] else { outcome[index] = .notFound; continue }
            if bug.reporter == write.userID { outcome[index] = .ownBug } else if !bug.status.takesMeToo { outcome[index] = .closed } else { tried.append(index) }
        }
        guard !tried.isEmpty else { return outcome }

        func pairs(_ rows: [any SQLRow]) throws -> Set<Pair> {
            Set(try rows.map { Pair(bug: try $0.decode(column: "bug_id", as: Int.self), user: try $0.decode(column: "user_id", as: Int.self)) })
        }
        let insert = sql.insert(into: BugMeToo.schema).columns("bug_id", "user_id", "release_id", "device_model", "qualified", "created_at")
        for index in tried {
            let write = writes[index]
            insert.values(SQLBind(write.bugID), SQLBind(write.userID), SQLBind(write.releaseID), SQLBind(write.deviceModel), SQLBind(write.qualified), SQLBind(write.at))
        }
        let inserted = try pairs(try await insert.ignoringConflicts(with: ["bug_id", "user_id"]).returning("bug_id", "user_id").all())
        guard !inserted.isEmpty else { return outcome }

        var moves: [(bug: Int, move: Move, at: Date)] = []
        for index in tried {
            let write = writes[index]
            let pair = Pair(bug: write.bugID, user: write.userID)
            guard inserted.contains(pair), var bug = bugs[write.bugID] else { continue }
            bug.meToos += 1
            if write.qualified { bug.qualified += 1 }
            bug.activeAt = max(bug.activeAt, write.at)
            let made = write.moves(status: bug.status, wasConfirmed: bug.wasConfirmed, checkedOn: bug.checkedOn, qualified: bug.qualified)
            moves += made.map { (write.bugID, $0, write.at) }
            bug.status = made.last?.to ?? bug.status
            bugs[write.bugID] = bug
            outcome[index] = .added(
                count: bug.meToos, status: bug.status, confirmed: made.contains { $0.kind == .confirmed }, reopened: made.contains { $0.kind == .reopened })
        }

        // Every touched bug's counts, last activity and heat, as absolute values.
        let touched = Set(inserted.map(\.bug)).sorted()
        var update = SQLQueryString("UPDATE bugs SET ")
        let columns: [(String, (BugNow) -> any Encodable & Sendable)] = [
            ("me_too_count", { $0.meToos }), ("qualified_me_too_count", { $0.qualified }),
            ("active_at", { $0.activeAt }),
            ("heat_rank", { BugHeat.rank(meToos: $0.meToos, duplicates: $0.duplicates, followers: $0.followers, severity: $0.severity, activeAt: $0.activeAt) }),
        ]
        for (position, (column, value)) in columns.enumerated() {
            update.appendLiteral((position == 0 ? "" : ", ") + column + " = CASE id")
            for id in touched {
                guard let bug = bugs[id] else { continue }
                update.appendLiteral(" WHEN ")
                update.appendInterpolation(bind: id)
                update.appendLiteral(" THEN ")
                update.appendInterpolation(bind: value(bug))
            }
            update.appendLiteral(" ELSE " + column + " END")
        }
        update.appendLiteral(" WHERE id IN (")
        update.appendInterpolation(binds: touched)
        update.appendLiteral(")")
        try await sql.raw(update).run()
        for (bugID, move, at) in moves {
            _ = try await BugsService.move(bugID, from: move.from, to: move.to, kind: move.kind, note: move.note, actorID: nil, at: at, on: sql)
        }
        return outcome
    }
}
