import Fluent
import Foundation
import SQLKit

extension BugsService {
    /// Someone who hit the bug (its reporter or a "me too" member) checks the fix on the build
    /// that fixes it, or a later one: once per fix. Enough "fixed" answers (`CANYU_BUG_VERIFICATIONS`)
    /// mark it verified; one "still happens" reopens it as confirmed, with the build noted. Each
    /// verification pays "bug verified" and counts as a weekly-duty contribution.
    func verify(_ bugID: Int, fixed: Bool, build releaseID: Int?, by user: User) async throws -> Bug {
        let bug = try await bug(bugID)
        guard bug.status == .fixed, let fixedIn = bug.fixedInReleaseID else { throw BugError.notFixed }
        let userID = try user.requireID()
        guard try await BugsPolicy.canVerify(userID, bug: bug, on: sql) else { throw BugError.notAffected }
        guard releaseID != nil, let build = try await build(releaseID, of: bug.$product.id, for: user, required: true) else { throw BugError.buildRequired }
        let buildID = try build.requireID()
        guard buildID >= fixedIn else { throw BugError.buildBeforeFix }
        let now = clock.now()
        let threshold = thresholds.verificationsNeeded
        let moved: BugStatus? = try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let added = try await sql.raw("""
                INSERT INTO bug_verifications (bug_id, user_id, fix_round, release_id, fixed, created_at)
                VALUES (\(bind: bugID), \(bind: userID), \(bind: bug.fixRound), \(bind: buildID), \(bind: fixed), \(bind: now))
                ON CONFLICT (bug_id, user_id, fix_round) DO NOTHING RETURNING id
                """).first()
            guard added != nil else { throw BugError.alreadyVerified }
            if !fixed {
                guard try await Self.move(bugID, from: .fixed, to: .confirmed, kind: .reopened, note: "build:\(buildID)", actorID: userID, at: now, on: sql)
                else { throw BugError.notFixed }
                try await sql.raw("UPDATE bugs SET fixed_in_release_id = NULL WHERE id = \(bind: bugID)").run()
                return .confirmed
            }
            guard let row = try await sql.raw("""
                UPDATE bugs SET verified_count = verified_count + 1 WHERE id = \(bind: bugID) AND status = \(bind: BugStatus.fixed.rawValue)
                RETURNING verified_count
                """).first()
            else { throw BugError.notFixed }
            try await Self.record(bugID, .verification, note: "build:\(buildID)", actorID: userID, at: now, on: sql)
            guard try row.decode(column: "verified_count", as: Int.self) >= threshold else { return nil }
            return try await Self.move(bugID, from: .fixed, to: .verified, kind: .status, note: "verifications:\(threshold)", actorID: nil, at: now, on: sql)
                ? .verified : nil
        }
        _ = try await standing.award(CreditAction.bugVerified, to: userID, source: "bug:\(bugID):\(bug.fixRound)")
        let verified = try await self.bug(bugID)
        if moved != nil { try await tellWatchers(of: verified, .bugStatus, by: moved == .verified ? nil : user) }
        return verified
    }

    /// Whether a member already answered for the current fix.
    func hasVerified(_ bug: Bug, by userID: Int) async throws -> Bool {
        try await sql.raw("""
            SELECT 1 AS yes FROM bug_verifications WHERE bug_id = \(bind: bug.id ?? 0) AND user_id = \(bind: userID) AND fix_round = \(bind: bug.fixRound)
            """).first() != nil
    }
}
