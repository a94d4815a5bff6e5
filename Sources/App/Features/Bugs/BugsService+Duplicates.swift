import Fluent
import Foundation
import SQLKit

extension BugsService {
    /// Marks a bug a duplicate of another of the same product. Its "me too" members (and its
    /// reporter, who hit it too) and its followers move to the original, except those already
    /// there, so nobody counts twice; bugs that were duplicates of it now point at the original,
    /// so every chain stays one long and none can loop. The original's counts are recounted from
    /// its rows, and it may reach the crowd confirmation with them.
    func markDuplicate(_ bugID: Int, of targetID: Int?, note rawNote: String?, by actor: User) async throws -> Bug {
        guard let targetID else { throw CoreError.invalidField(field: "of_id", messageKey: "bugs.invalid.of_id") }
        guard bugID != targetID else { throw BugError.duplicateOfSelf }
        let bug = try await bug(bugID)
        let target = try await self.bug(targetID)
        guard try await BugsPolicy.canTriage(actor, product: bug.$product.id, on: db) else { throw CoreError.forbidden }
        guard bug.$product.id == target.$product.id else { throw BugError.duplicateAcrossProducts }
        guard target.status != .duplicate else { throw BugError.duplicateOfDuplicate }
        guard bug.status != .duplicate else { throw BugError.closed }
        let note = try FieldRules.text(rawNote ?? "", "note", 0...BugRules.noteMax)
        let (actorID, now) = (try actor.requireID(), clock.now())
        let reporterQualified = try await User.find(bug.$reporter.id, on: db).map {
            $0.createdAt <= now.addingTimeInterval(-Double(thresholds.confirmAccountDays) * 86_400)
        } ?? false
        let watchers = try await watchers(of: bugID)
        let confirmed: Bool = try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await Self.move(bugID, from: bug.status, to: .duplicate, kind: .duplicate, note: note.isEmpty ? "#\(targetID)" : note,
                                      actorID: actorID, at: now, on: sql)
            else { throw BugError.sameStatus }
            try await sql.raw("UPDATE bugs SET duplicate_of_id = \(bind: targetID) WHERE id = \(bind: bugID) OR duplicate_of_id = \(bind: bugID)").run()
            // The duplicate's reporter hit it too: a "me too" on the original, unless it is theirs.
            if bug.$reporter.id != target.$reporter.id {
                try await sql.raw("""
                    INSERT INTO bug_me_toos (bug_id, user_id, release_id, device_model, qualified, created_at)
                    VALUES (\(bind: targetID), \(bind: bug.$reporter.id), \(bind: bug.releaseID), \(bind: bug.deviceModel), \(bind: reporterQualified), \(bind: bug.createdAt))
                    ON CONFLICT (bug_id, user_id) DO NOTHING
                    """).run()
            }
            try await sql.raw("""
                INSERT INTO bug_me_toos (bug_id, user_id, release_id, device_model, qualified, created_at)
                SELECT \(bind: targetID), user_id, release_id, device_model, qualified, created_at FROM bug_me_toos
                WHERE bug_id = \(bind: bugID) AND user_id <> \(bind: target.$reporter.id)
                ON CONFLICT (bug_id, user_id) DO NOTHING
                """).run()
            try await sql.raw("DELETE FROM bug_me_toos WHERE bug_id = \(bind: bugID)").run()
            try await sql.raw("""
                INSERT INTO bug_follows (bug_id, user_id) SELECT \(bind: targetID), user_id FROM bug_follows WHERE bug_id = \(bind: bugID)
                ON CONFLICT (bug_id, user_id) DO NOTHING
                """).run()
            try await sql.raw("UPDATE bugs SET me_too_count = 0, qualified_me_too_count = 0, follower_count = 0 WHERE id = \(bind: bugID)").run()
            try await sql.raw("DELETE FROM bug_follows WHERE bug_id = \(bind: bugID)").run()
            try await Self.recount(targetID, at: now, on: sql)
            let counts = try await sql.raw("SELECT status, qualified_me_too_count FROM bugs WHERE id = \(bind: targetID)").first()
            guard let counts, try counts.decode(column: "status", as: BugStatus.self) == .new,
                try counts.decode(column: "qualified_me_too_count", as: Int.self) >= thresholds.confirmMeToos
            else { return false }
            return try await Self.move(targetID, from: .new, to: .confirmed, kind: .confirmed, note: "crowd", actorID: nil, at: now, on: sql)
        }
        try await notifications.notify(watchers.filter { $0 != actorID }, .bugStatus, actor: actor, subject: bug.title, url: SiteURL.bug(.value(targetID)).path)
        if confirmed {
            _ = try await standing.award(CreditAction.bugConfirmed, to: target.$reporter.id, source: "bug:\(targetID)")
            try await tellWatchers(of: try await self.bug(targetID), .bugStatus, by: nil)
        }
        return try await self.bug(bugID)
    }

    /// A bug's counts from its rows (after members moved in), its heat with them.
    static func recount(_ bugID: Int, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE bugs SET me_too_count = (SELECT COUNT(*) FROM bug_me_toos WHERE bug_id = \(bind: bugID)),
            qualified_me_too_count = (SELECT COUNT(*) FROM bug_me_toos WHERE bug_id = \(bind: bugID) AND qualified = \(bind: true)),
            follower_count = (SELECT COUNT(*) FROM bug_follows WHERE bug_id = \(bind: bugID)),
            duplicate_count = (SELECT COUNT(*) FROM bugs d WHERE d.duplicate_of_id = \(bind: bugID))
            WHERE id = \(bind: bugID)
            """).run()
        try await rerank(bugID, touch: now, on: sql)
    }
}
