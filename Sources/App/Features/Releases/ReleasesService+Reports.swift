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
        let target = try await ReportTarget.load(releaseID, on: sql)
        let userID = try user.requireID()
        let innermost = try await ReleasesPolicy.innermostRing(of: user, product: target.productID, on: db)
        guard ReleasesPolicy.isInRing(target.ring, innermost: innermost) else { throw ReleaseError.notInRing }
        guard target.reportIsOpen(at: clock.now()) else { throw ReleaseError.reportNotOpen }
        let answer = try await validated(input, target: target)
        let (report, created) = try await db.groupCommit(ReportWrite.kind, ReportWrite(answer: answer, releaseID: releaseID, userID: userID, at: clock.now()))
        if created {
            _ = try await standing.award(CreditAction.fourGridReport, to: userID, source: "release:\(releaseID)")
        }
        return report
    }

    /// What filing a report needs to know of the build, in two small reads rather than its
    /// models: filing is the busiest thing a report does.
    struct ReportTarget: Sendable {
        let productID: Int
        let ring: ReleaseRing
        let opensAt: Date?
        let closesAt: Date?
        let closedAt: Date?
        let changeIDs: Set<Int>

        func reportIsOpen(at now: Date) -> Bool {
            Release.reportIsOpen(opensAt: opensAt, closesAt: closesAt, closedAt: closedAt, at: now)
        }

        static func load(_ releaseID: Int, on sql: any SQLDatabase) async throws -> ReportTarget {
            let row = try await SmallRead.run {
                try await sql.raw("""
                    SELECT product_id, ring, report_opens_at, report_closes_at, report_closed_at FROM releases WHERE id = \(bind: releaseID)
                    """).first()
            }
            guard let row else { throw CoreError.notFound }
            let changes = try await SmallRead.run { try await sql.raw("SELECT id FROM release_changes WHERE release_id = \(bind: releaseID)").all() }
            return ReportTarget(
                productID: try row.decode(column: "product_id", as: Int.self), ring: try row.decode(column: "ring", as: ReleaseRing.self),
                opensAt: try row.decode(column: "report_opens_at", as: Date?.self), closesAt: try row.decode(column: "report_closes_at", as: Date?.self),
                closedAt: try row.decode(column: "report_closed_at", as: Date?.self),
                changeIDs: Set(try changes.map { try $0.decode(column: "id", as: Int.self) }))
        }
    }

    struct Answer: Sendable {
        let liked: Int
        let weak: Int
        let ideaID: Int?
        let text: String
        let rating: Int
    }

    private func validated(_ input: ReportInput, target: ReportTarget) async throws -> Answer {
        let changeIDs = target.changeIDs
        guard let liked = input.likedChangeID else { throw CoreError.invalidField(field: "liked_change_id", messageKey: "releases.invalid.change") }
        guard let weak = input.weakChangeID else { throw CoreError.invalidField(field: "weak_change_id", messageKey: "releases.invalid.change") }
        guard changeIDs.contains(liked), changeIDs.contains(weak) else { throw ReleaseError.changeOfAnotherRelease }
        // With one change only, it is both the best and the weakest.
        guard liked != weak || changeIDs.count == 1 else { throw ReleaseError.sameChanges }
        let rating = try FieldRules.number(input.rating, "rating", 1...5)
        let text = try FieldRules.text(input.anticipatedText ?? "", "anticipated_text", 0...ReleaseRules.anticipatedTextMax)
        if let ideaID = input.anticipatedIdeaID {
            let row = try await SmallRead.run { try await sql.raw("SELECT product_id, status FROM ideas WHERE id = \(bind: ideaID)").first() }
            guard let row, try row.decode(column: "product_id", as: Int.self) == target.productID,
                try row.decode(column: "status", as: IdeaStatus.self).isOpen
            else {
                throw CoreError.invalidField(field: "anticipated_idea_id", messageKey: "releases.invalid.anticipated_idea")
            }
        } else if text.isEmpty {
            throw CoreError.invalidField(field: "anticipated_text", messageKey: "releases.invalid.anticipated")
        }
        return Answer(liked: liked, weak: weak, ideaID: input.anticipatedIdeaID, text: input.anticipatedIdeaID == nil ? text : "", rating: rating)
    }

    /// One member's report on its way in, written through `GroupCommitKind`: on SQLite many
    /// members' reports go in one transaction on the writer, one after the other without a hop
    /// between statements; elsewhere each is its own transaction.
    struct ReportWrite: Sendable {
        let answer: Answer
        let releaseID: Int
        let userID: Int
        let at: Date

        static let kind = GroupCommitKind<ReportWrite, (FourGridReport, Bool)>(name: "four_grid_reports", maxBatch: 128) { writes, sql in
            var outputs: [(FourGridReport, Bool)] = []
            for write in writes {
                outputs.append(try await ReleasesService.upsert(write.answer, release: write.releaseID, user: write.userID, now: write.at, on: sql))
            }
            return outputs
        }
    }

    /// The report and every count it touches, in the caller's transaction.
    fileprivate static func upsert(_ answer: Answer, release releaseID: Int, user userID: Int, now: Date, on sql: any SQLDatabase) async throws -> (FourGridReport, Bool) {
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

    /// Staff or the product's team close a build's open report now rather than at its time;
    /// the award is given as at any close.
    func closeReport(_ releaseID: Int, by actor: User) async throws -> Release {
        let release = try await release(releaseID)
        guard try await ReleasesPolicy.canManage(actor, product: release.$product.id, on: db) else { throw CoreError.forbidden }
        guard release.reportIsOpen(at: clock.now()) else { throw ReleaseError.reportNotOpen }
        try await sql.raw("UPDATE releases SET report_closes_at = \(bind: clock.now()) WHERE id = \(bind: releaseID) AND report_closed_at IS NULL").run()
        try await closeDueReports()
        return try await self.release(releaseID)
    }

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
