import Fluent
import Foundation
import SQLKit

extension IdeasService {
    /// Staff or the product's team move an idea on, with a public note (required to decline).
    /// Shipped, declined and merged ideas are final: closing one gives its voters their votes
    /// back. Reaching planned pays the author "idea accepted"; shipping pays "idea shipped" and
    /// may earn the medal. Followers are told.
    func setStatus(_ ideaID: Int, to status: IdeaStatus, note rawNote: String?, by actor: User) async throws -> Idea {
        let idea = try await idea(ideaID)
        guard try await IdeasPolicy.canTriage(actor, product: idea.$product.id, on: db) else { throw CoreError.forbidden }
        guard IdeaStatus.settable.contains(status) else { throw CoreError.invalidField(field: "status", messageKey: "ideas.invalid.status") }
        guard idea.status.isOpen else { throw IdeaError.ideaClosed }
        guard idea.status != status else { throw IdeaError.sameStatus }
        let note = try FieldRules.text(rawNote ?? "", "note", 0...IdeaRules.noteMax)
        if status == .declined, note.isEmpty { throw IdeaError.noteRequired }
        let actorID = try actor.requireID()
        let now = clock.now()
        let from = idea.status
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // Guarded by the status read above: a concurrent change makes this one a no-op error.
            let changed = try await sql.raw("""
                UPDATE ideas SET status = \(bind: status.rawValue), status_changed_at = \(bind: now)
                WHERE id = \(bind: ideaID) AND status = \(bind: from.rawValue) RETURNING id
                """).first()
            guard changed != nil else { throw IdeaError.sameStatus }
            try await IdeaStatusChange(ideaID: ideaID, from: from, to: status, note: note, actorID: actorID, createdAt: now).create(on: tx)
            if !status.isOpen { try await Self.closeVotes(of: ideaID, on: sql) }
        }
        idea.status = status
        idea.statusChangedAt = now
        let authorID = idea.$author.id
        if [.planned, .inProgress, .inBeta, .shipped].contains(status) {
            _ = try await standing.award(CreditAction.ideaAccepted, to: authorID, source: "idea:\(ideaID)", actorID: actorID)
        }
        if status == .shipped {
            _ = try await standing.award(CreditAction.ideaShipped, to: authorID, source: "idea:\(ideaID)", actorID: actorID)
            try await MedalService(db: db, clock: clock, timeZone: timeZone).evaluate(authorID)
        }
        try await tellFollowers(of: ideaID, about: idea, by: actor)
        return idea
    }

    /// Merges a duplicate into the original: its voters' votes move there, except for those who
    /// voted for both, whose second vote goes back to their budget; its followers follow the
    /// original. The original's totals are recounted from its votes, so nobody counts twice.
    func merge(_ ideaID: Int, into target: Int?, note rawNote: String?, by actor: User) async throws -> Idea {
        guard let targetID = target else { throw CoreError.invalidField(field: "into_id", messageKey: "ideas.invalid.into") }
        guard ideaID != targetID else { throw IdeaError.mergeIntoSelf }
        let idea = try await idea(ideaID)
        let target = try await self.idea(targetID)
        guard try await IdeasPolicy.canTriage(actor, product: idea.$product.id, on: db) else { throw CoreError.forbidden }
        guard idea.$product.id == target.$product.id else { throw IdeaError.mergeAcrossProducts }
        // Merging only into ideas that are not duplicates themselves keeps every chain one long,
        // so no chain can loop back.
        guard target.status != .duplicate else { throw IdeaError.mergeIntoDuplicate }
        guard idea.status.isOpen else { throw IdeaError.ideaClosed }
        let note = try FieldRules.text(rawNote ?? "", "note", 0...IdeaRules.noteMax)
        let actorID = try actor.requireID()
        let now = clock.now()
        let voters = try await sql.raw("SELECT user_id FROM idea_votes WHERE idea_id = \(bind: ideaID)").all()
            .map { try $0.decode(column: "user_id", as: Int.self) }
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let marked = try await sql.raw("""
                UPDATE ideas SET status = \(bind: IdeaStatus.duplicate.rawValue), duplicate_of_id = \(bind: targetID), status_changed_at = \(bind: now),
                vote_count = 0, weighted_score = 0 WHERE id = \(bind: ideaID) AND status = \(bind: idea.status.rawValue) RETURNING id
                """).first()
            guard marked != nil else { throw IdeaError.sameStatus }
            // Voters of both: the duplicate's vote ends and its budget slot comes back.
            try await sql.raw("""
                UPDATE idea_voters SET open_votes = open_votes - 1 WHERE user_id IN (
                  SELECT user_id FROM idea_votes WHERE idea_id = \(bind: ideaID) AND open = \(bind: true)
                  AND user_id IN (SELECT user_id FROM idea_votes WHERE idea_id = \(bind: targetID)))
                """).run()
            try await sql.raw("""
                DELETE FROM idea_votes WHERE idea_id = \(bind: ideaID) AND user_id IN (SELECT user_id FROM idea_votes WHERE idea_id = \(bind: targetID))
                """).run()
            try await sql.raw("UPDATE idea_votes SET idea_id = \(bind: targetID) WHERE idea_id = \(bind: ideaID)").run()
            // Into an idea that is already closed, the moved votes close with it.
            if !target.status.isOpen { try await Self.closeVotes(of: targetID, on: sql) }
            try await sql.raw("""
                UPDATE ideas SET vote_count = (SELECT COUNT(*) FROM idea_votes WHERE idea_id = \(bind: targetID)),
                weighted_score = (SELECT COALESCE(SUM(weight), 0) FROM idea_votes WHERE idea_id = \(bind: targetID)) WHERE id = \(bind: targetID)
                """).run()
            try await Self.move(targetID, votes: 0, score: 0, onlyOpen: false, on: sql)
            try await sql.raw("""
                INSERT INTO idea_follows (idea_id, user_id) SELECT \(bind: targetID), user_id FROM idea_follows WHERE idea_id = \(bind: ideaID)
                ON CONFLICT (idea_id, user_id) DO NOTHING
                """).run()
            try await IdeaStatusChange(ideaID: ideaID, from: idea.status, to: .duplicate, note: note, actorID: actorID, createdAt: now).create(on: tx)
        }
        let merged = try await self.idea(ideaID)
        let told = Set(voters + (try await followers(of: ideaID))).filter { $0 != actorID }
        try await notifications.notify(Array(told), .ideaMerged, actor: actor, subject: idea.title, url: SiteURL.idea(.value(targetID)).path)
        return merged
    }

    /// An idea closes: every open vote on it ends, and each voter gets the slot back.
    static func closeVotes(of ideaID: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE idea_voters SET open_votes = open_votes - 1
            WHERE user_id IN (SELECT user_id FROM idea_votes WHERE idea_id = \(bind: ideaID) AND open = \(bind: true))
            """).run()
        try await sql.raw("UPDATE idea_votes SET open = \(bind: false) WHERE idea_id = \(bind: ideaID) AND open = \(bind: true)").run()
    }

    private func tellFollowers(of ideaID: Int, about idea: Idea, by actor: User) async throws {
        let followers = try await followers(of: ideaID).filter { $0 != actor.id }
        try await notifications.notify(followers, .ideaStatus, actor: actor, subject: idea.title, url: SiteURL.idea(.value(ideaID)).path)
    }
}
