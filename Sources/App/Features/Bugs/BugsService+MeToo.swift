import Fluent
import Foundation
import SQLKit

extension BugsService {
    struct MeTooState: Sendable {
        let meToo: Bool
        let count: Int
        let status: BugStatus
    }

    /// A member hit it too, on their build and device: once per member, not on their own bug,
    /// while the bug takes them. They are told of its changes from then on. Enough "me too"s from accounts old
    /// enough confirm a new bug (once, however many arrive together); one from a build later
    /// than the one a bug could not be reproduced on reopens it.
    func meToo(_ bugID: Int, build releaseID: Int?, device rawDevice: String?, by user: User) async throws -> MeTooState {
        let now = clock.now()
        guard !user.isMuted(at: now) else { throw CoreError.forbidden }
        let device = try FieldRules.text(rawDevice ?? "", "device_model", BugRules.deviceLength)
        // A build named must be one of the bug's product's (the write reports a missing bug).
        var build: Release?
        if releaseID != nil {
            let productID = try await SmallRead.run { [sql] in
                try await sql.raw("SELECT product_id FROM bugs WHERE id = \(bind: bugID)").first()?.decode(column: "product_id", as: Int.self)
            }
            guard let productID else { throw CoreError.notFound }
            build = try await self.build(releaseID, of: productID, for: user, required: false)
        }
        let qualified = user.createdAt <= now.addingTimeInterval(-Double(thresholds.confirmAccountDays) * 86_400)
        let write = MeTooWrite(
            bugID: bugID, userID: try user.requireID(), releaseID: try build?.requireID(), deviceModel: device, qualified: qualified, at: now,
            thresholds: thresholds)
        switch try await db.groupCommit(MeTooWrite.kind, write) {
        case .added(let count, let status, let confirmed, let reopened):
            if confirmed || reopened { try await afterCrowdMove(bugID, confirmed: confirmed) }
            return MeTooState(meToo: true, count: count, status: status)
        case .already: throw BugError.alreadyMeToo
        case .closed: throw BugError.closed
        case .ownBug: throw BugError.ownBug
        case .notFound: throw CoreError.notFound
        }
    }

    /// Takes a "me too" back while the bug takes them; a confirmation it helped stays.
    func withdrawMeToo(_ bugID: Int, by user: User) async throws -> MeTooState {
        let userID = try user.requireID()
        let status = try await status(of: bugID)
        guard status.takesMeToo else { throw BugError.closed }
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            guard let removed = try await sql.raw("""
                DELETE FROM bug_me_toos WHERE bug_id = \(bind: bugID) AND user_id = \(bind: userID) RETURNING qualified
                """).first()
            else { return }
            let qualified = try removed.decode(column: "qualified", as: Bool.self)
            try await sql.raw("""
                UPDATE bugs SET me_too_count = me_too_count - 1, qualified_me_too_count = qualified_me_too_count - \(bind: qualified ? 1 : 0)
                WHERE id = \(bind: bugID)
                """).run()
            try await Self.rerank(bugID, touch: nil, on: sql)
        }
        return try await state(of: bugID, for: userID)
    }

    func state(of bugID: Int, for userID: Int?) async throws -> MeTooState {
        guard let row = try await sql.raw("""
            SELECT b.me_too_count, b.status,
              (SELECT COUNT(*) FROM bug_me_toos m WHERE m.bug_id = b.id AND m.user_id = \(bind: userID ?? 0)) AS mine
            FROM bugs b WHERE b.id = \(bind: bugID)
            """).first()
        else { throw CoreError.notFound }
        return MeTooState(
            meToo: try row.decode(column: "mine", as: Int.self) > 0, count: try row.decode(column: "me_too_count", as: Int.self),
            status: try row.decode(column: "status", as: BugStatus.self))
    }

    func status(of bugID: Int) async throws -> BugStatus {
        guard let row = try await sql.raw("SELECT status FROM bugs WHERE id = \(bind: bugID)").first() else { throw CoreError.notFound }
        return try row.decode(column: "status", as: BugStatus.self)
    }

    /// The crowd confirmed (or reopened) a bug: the reporter is paid for a confirmation, and
    /// everyone watching is told. Runs once, after the one write that moved it.
    private func afterCrowdMove(_ bugID: Int, confirmed: Bool) async throws {
        let bug = try await self.bug(bugID)
        if confirmed { _ = try await standing.award(CreditAction.bugConfirmed, to: bug.$reporter.id, source: "bug:\(bugID)") }
        try await tellWatchers(of: bug, .bugStatus, by: nil)
    }
}
