import Fluent
import Foundation
import SQLKit

extension ReleasesService {
    struct ReportInput: Sendable {
        var likedChangeID: Int?
        var weakChangeID: Int?
        var anticipatedIdeaID: Int?
        var anticipatedText: String?
        var rating: Int?
    }

    /// Files or edits a member's four-grid report on a build while its report is open. The
    /// build's counts move in the same transaction as the report, so results never scan reports
    /// and stay exact under any number of simultaneous members. The first filing pays credits
    /// and counts toward the weekly duty.
    func fileReport(on releaseID: Int, _ input: ReportInput, by user: User) async throws -> FourGridReport {
        let release = try await release(releaseID)
        let userID = try user.requireID()
        let innermost = try await ReleasesPolicy.innermostRing(of: user, product: release.$product.id, on: db)
        guard ReleasesPolicy.sees(release, innermost: innermost) else { throw ReleaseError.notInRing }
        guard release.reportIsOpen(at: clock.now()) else { throw ReleaseError.reportNotOpen }
        let answer = try await validated(input, release: release)
        let now = clock.now()
        let (report, created) = try await db.transaction { tx in
            try await Self.upsert(answer, release: releaseID, user: userID, now: now, on: tx as! any SQLDatabase)
        }
        if created {
            _ = try await standing.award(CreditAction.fourGridReport, to: userID, source: "release:\(releaseID)")
        }
        return report
    }

    struct Answer: Sendable {
        let liked: Int
        let weak: Int
        let ideaID: Int?
        let text: String
        let rating: Int
    }

    private func validated(_ input: ReportInput, release: Release) async throws -> Answer {
        let releaseID = try release.requireID()
        let changeIDs = Set(try await changes(of: releaseID).compactMap(\.id))
        guard let liked = input.likedChangeID else { throw CoreError.invalidField(field: "liked_change_id", messageKey: "releases.invalid.change") }
        guard let weak = input.weakChangeID else { throw CoreError.invalidField(field: "weak_change_id", messageKey: "releases.invalid.change") }
        guard changeIDs.contains(liked), changeIDs.contains(weak) else { throw ReleaseError.changeOfAnotherRelease }
        // With one change only, it is both the best and the weakest.
        guard liked != weak || changeIDs.count == 1 else { throw ReleaseError.sameChanges }
        let rating = try FieldRules.number(input.rating, "rating", 1...5)
        let text = try FieldRules.text(input.anticipatedText ?? "", "anticipated_text", 0...ReleaseRules.anticipatedTextMax)
        if let ideaID = input.anticipatedIdeaID {
            guard let idea = try await Idea.find(ideaID, on: db), idea.$product.id == release.$product.id, idea.status.isOpen else {
                throw CoreError.invalidField(field: "anticipated_idea_id", messageKey: "releases.invalid.anticipated_idea")
            }
        } else if text.isEmpty {
            throw CoreError.invalidField(field: "anticipated_text", messageKey: "releases.invalid.anticipated")
        }
        return Answer(liked: liked, weak: weak, ideaID: input.anticipatedIdeaID, text: input.anticipatedIdeaID == nil ? text : "", rating: rating)
    }

    /// The report and every count it touches, in the caller's transaction.
    private static func upsert(_ answer: Answer, release releaseID: Int, user userID: Int, now: Date, on sql: any SQLDatabase) async throws -> (FourGridReport, Bool) {
        // On PostgreSQL this takes the build's row lock first, so reports on one build apply one
        // after the other, always locking in the same order (no deadlock between a member's edit
        // and another's report); SQLite runs one writing transaction at a time anyway.
        try await sql.raw("UPDATE releases SET report_count = report_count WHERE id = \(bind: releaseID)").run()
        var old = try await previous(release: releaseID, user: userID, on: sql)
        var isNew = false
        if old == nil {
            let inserted = try await sql.raw("""
                INSERT INTO four_grid_reports (release_id, user_id, liked_change_id, weak_change_id, anticipated_idea_id, anticipated_text, rating, created_at, updated_at)
                VALUES (\(bind: releaseID), \(bind: userID), \(bind: answer.liked), \(bind: answer.weak), \(bind: answer.ideaID), \(bind: answer.text), \(bind: answer.rating), \(bind: now), \(bind: now))
                ON CONFLICT (release_id, user_id) DO NOTHING RETURNING id
                """).first()
            if inserted != nil {
                isNew = true
                try await sql.raw("""
                    UPDATE releases SET report_count = report_count + 1, rating_sum = rating_sum + \(bind: answer.rating),
                    \(ident: "rating_\(answer.rating)") = \(ident: "rating_\(answer.rating)") + 1 WHERE id = \(bind: releaseID)
                    """).run()
                try await bump(change: answer.liked, column: "liked_count", by: 1, on: sql)
                try await bump(change: answer.weak, column: "weak_count", by: 1, on: sql)
                if let ideaID = answer.ideaID { try await anticipate(ideaID, release: releaseID, by: 1, on: sql) }
            } else {
                // The member's other request filed first; this one edits it.
                old = try await previous(release: releaseID, user: userID, on: sql)
            }
        }
        if let old {
            try await sql.raw("""
                UPDATE four_grid_reports SET liked_change_id = \(bind: answer.liked), weak_change_id = \(bind: answer.weak), anticipated_idea_id = \(bind: answer.ideaID),
                anticipated_text = \(bind: answer.text), rating = \(bind: answer.rating), updated_at = \(bind: now) WHERE id = \(bind: old.id)
                """).run()
            if old.rating != answer.rating {
                try await sql.raw("""
                    UPDATE releases SET rating_sum = rating_sum + \(bind: answer.rating - old.rating),
                    \(ident: "rating_\(old.rating)") = \(ident: "rating_\(old.rating)") - 1, \(ident: "rating_\(answer.rating)") = \(ident: "rating_\(answer.rating)") + 1
                    WHERE id = \(bind: releaseID)
                    """).run()
            }
            if old.liked != answer.liked {
                try await bump(change: old.liked, column: "liked_count", by: -1, on: sql)
                try await bump(change: answer.liked, column: "liked_count", by: 1, on: sql)
            }
            if old.weak != answer.weak {
                try await bump(change: old.weak, column: "weak_count", by: -1, on: sql)
                try await bump(change: answer.weak, column: "weak_count", by: 1, on: sql)
            }
            if old.ideaID != answer.ideaID {
                if let ideaID = old.ideaID { try await anticipate(ideaID, release: releaseID, by: -1, on: sql) }
                if let ideaID = answer.ideaID { try await anticipate(ideaID, release: releaseID, by: 1, on: sql) }
            }
        }
        let report = FourGridReport()
        report.id = old?.id
        report.$release.id = releaseID
        report.$user.id = userID
        report.likedChangeID = answer.liked
        report.weakChangeID = answer.weak
        report.anticipatedIdeaID = answer.ideaID
        report.anticipatedText = answer.text
        report.rating = answer.rating
        report.createdAt = old?.createdAt ?? now
        report.updatedAt = now
        return (report, isNew)
    }

    private struct Previous {
        let id: Int
        let liked: Int
        let weak: Int
        let ideaID: Int?
        let rating: Int
        let createdAt: Date
    }

    private static func previous(release releaseID: Int, user userID: Int, on sql: any SQLDatabase) async throws -> Previous? {
        guard let row = try await sql.raw("""
            SELECT id, liked_change_id, weak_change_id, anticipated_idea_id, rating, created_at FROM four_grid_reports
            WHERE release_id = \(bind: releaseID) AND user_id = \(bind: userID)
            """).first()
        else { return nil }
        return Previous(
            id: try row.decode(column: "id", as: Int.self), liked: try row.decode(column: "liked_change_id", as: Int.self),
            weak: try row.decode(column: "weak_change_id", as: Int.self), ideaID: try row.decode(column: "anticipated_idea_id", as: Int?.self),
            rating: try row.decode(column: "rating", as: Int.self), createdAt: try row.decode(column: "created_at", as: Date.self))
    }

    private static func bump(change changeID: Int, column: String, by delta: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE release_changes SET \(ident: column) = \(ident: column) + \(bind: delta) WHERE id = \(bind: changeID)").run()
    }

    private static func anticipate(_ ideaID: Int, release releaseID: Int, by delta: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO release_anticipations (release_id, idea_id, count) VALUES (\(bind: releaseID), \(bind: ideaID), \(bind: delta))
            ON CONFLICT (release_id, idea_id) DO UPDATE SET count = release_anticipations.count + \(bind: delta)
            """).run()
    }

    func report(on releaseID: Int, by userID: Int) async throws -> FourGridReport? {
        try await FourGridReport.query(on: db).filter(\.$release.$id == releaseID).filter(\.$user.$id == userID).first()
    }

    // MARK: Closing

    /// Closes every report whose time is up: the best-liked change wins the Popcorn Award (ties:
    /// fewer "not good enough", then changelog order), and its team's members get the medal.
    /// Returns the releases closed now; a release closes once, whichever node gets there first.
    @discardableResult
    func closeDueReports() async throws -> [Int] {
        let now = clock.now()
        let due = try await Release.query(on: db).filter(\.$reportClosedAt == nil).filter(\.$reportClosesAt <= now).all()
        var closed: [Int] = []
        for release in due {
            let releaseID = try release.requireID()
            let winner = try await changes(of: releaseID).filter { $0.likedCount > 0 }
                .max { ($0.likedCount, -$0.weakCount, -$0.position) < ($1.likedCount, -$1.weakCount, -$1.position) }
            let row = try await sql.raw("""
                UPDATE releases SET report_closed_at = \(bind: now), popcorn_change_id = \(bind: winner?.id)
                WHERE id = \(bind: releaseID) AND report_closed_at IS NULL RETURNING id
                """).first()
            guard row != nil else { continue }
            closed.append(releaseID)
            if let winner { try await givePopcornMedal(for: winner, release: release) }
        }
        return closed
    }

    private func givePopcornMedal(for change: ReleaseChange, release: Release) async throws {
        let members = try await ProductMember.query(on: db).filter(\.$product.$id == release.$product.id).filter(\.$team == change.team).all()
        let medals = MedalService(db: db, clock: clock, timeZone: timeZone)
        for member in members {
            _ = try await medals.grantEarned(ReleaseRules.popcornMedal.key, to: member.$user.id, reason: "\(release.version): \(change.title)")
        }
    }
}
