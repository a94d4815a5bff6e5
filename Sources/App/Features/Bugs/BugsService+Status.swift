import Fluent
import Foundation
import SQLKit

extension BugsService {
    /// The team moves a bug on (triagers may confirm a new one), with a note (required for
    /// won't fix and cannot reproduce). "Fixed" names the build that fixes it, one of the
    /// product's, and asks those who hit it to verify there; a confirmation pays the reporter
    /// "bug confirmed", a fix "bug fixed". Followers are told.
    func setStatus(_ bugID: Int, to status: BugStatus, note rawNote: String?, build releaseID: Int? = nil, by actor: User) async throws -> Bug {
        let bug = try await bug(bugID)
        guard try await BugsPolicy.canMove(actor, bug: bug, to: status, on: db) else { throw CoreError.forbidden }
        guard BugStatus.settable.contains(status) else { throw CoreError.invalidField(field: "status", messageKey: "bugs.invalid.status") }
        guard bug.status != status else { throw BugError.sameStatus }
        guard bug.status.next.contains(status) else { throw BugError.notAllowedMove(from: bug.status, to: status) }
        let note = try FieldRules.text(rawNote ?? "", "note", 0...BugRules.noteMax)
        if status.needsNote, note.isEmpty { throw BugError.noteRequired }
        if status == .fixed, releaseID == nil { throw BugError.buildRequired }
        let fixedIn = status == .fixed ? try await build(releaseID, of: bug.$product.id, for: actor, required: true)?.requireID() : nil
        let newest = status == .cannotReproduce
            ? try await Release.query(on: db).filter(\.$product.$id == bug.$product.id).sort(\.$id, .descending).first()?.id : nil
        let actorID = try actor.requireID()
        let now = clock.now()
        let from = bug.status
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let kind: BugEvent.Kind = status == .confirmed && from == .new ? .confirmed : .status
            guard try await Self.move(bugID, from: from, to: status, kind: kind, note: note, actorID: actorID, at: now, on: sql) else {
                throw BugError.sameStatus
            }
            switch status {
            case .fixed:
                try await sql.raw("""
                    UPDATE bugs SET fixed_in_release_id = \(bind: fixedIn), fix_round = fix_round + 1, verified_count = 0 WHERE id = \(bind: bugID)
                    """).run()
            case .cannotReproduce:
                try await sql.raw("UPDATE bugs SET checked_on_release_id = \(bind: newest) WHERE id = \(bind: bugID)").run()
            case .inProgress, .confirmed, .new:
                // A fix that did not hold, or a reopening: the build no longer fixes it.
                try await sql.raw("UPDATE bugs SET fixed_in_release_id = NULL WHERE id = \(bind: bugID)").run()
            default: break
            }
        }
        let moved = try await self.bug(bugID)
        if status == .confirmed || status == .inProgress || status == .fixed {
            _ = try await standing.award(CreditAction.bugConfirmed, to: moved.$reporter.id, source: "bug:\(bugID)", actorID: actorID)
        }
        if status == .fixed {
            _ = try await standing.award(CreditAction.bugFixed, to: moved.$reporter.id, source: "bug:\(bugID)", actorID: actorID)
            try await askToVerify(moved, by: actor)
        } else {
            try await tellWatchers(of: moved, .bugStatus, by: actor)
        }
        return moved
    }

    /// Moves a bug from one status to another if it is still in the first, with its history
    /// entry; false when something else moved it meanwhile. The one way a status changes.
    static func move(
        _ bugID: Int, from: BugStatus, to: BugStatus, kind: BugEvent.Kind, note: String, actorID: Int?, at now: Date, on sql: any SQLDatabase
    ) async throws -> Bool {
        let moved = try await sql.raw("""
            UPDATE bugs SET status = \(bind: to.rawValue), status_changed_at = \(bind: now),
            confirmed_at = CASE WHEN \(bind: to == .confirmed) THEN COALESCE(confirmed_at, \(bind: now)) ELSE confirmed_at END
            WHERE id = \(bind: bugID) AND status = \(bind: from.rawValue) RETURNING \(unsafeRaw: BugTallies.returning)
            """).first()
        guard let moved else { return false }
        let key = try BugTallies.key(moved)
        try await BugTallies.shift(from: key.with(status: from), to: key, on: sql)
        try await record(bugID, kind, from: from, to: to, note: note, actorID: actorID, at: now, on: sql)
        return true
    }

    /// A fix landed: those who hit it are asked to verify on that build; its followers are told.
    private func askToVerify(_ bug: Bug, by actor: User) async throws {
        let bugID = try bug.requireID()
        let affected = Set([bug.$reporter.id] + (try await sql.raw("SELECT user_id FROM bug_me_toos WHERE bug_id = \(bind: bugID)").all()
            .map { try $0.decode(column: "user_id", as: Int.self) }))
        let url = SiteURL.bug(.value(bugID)).path
        try await notifications.notify(affected.filter { $0 != actor.id }, .bugVerify, actor: actor, subject: bug.title, url: url)
        try await notifications.notify(
            try await watchers(of: bugID).filter { $0 != actor.id && !affected.contains($0) }, .bugStatus, actor: actor, subject: bug.title, url: url)
    }

    // MARK: Triage

    /// A triager's form: a severity and a module, either left as they are when not given.
    func triage(_ bugID: Int, severity: BugSeverity?, moduleKey: String?, by actor: User) async throws {
        if let severity { try await setSeverity(bugID, to: severity, by: actor) }
        if let moduleKey { try await setModule(bugID, to: moduleKey, by: actor) }
    }

    func setSeverity(_ bugID: Int, to severity: BugSeverity, by actor: User) async throws {
        let bug = try await bug(bugID)
        guard try await BugsPolicy.canTriage(actor, product: bug.$product.id, on: db) else { throw CoreError.forbidden }
        guard bug.severity != severity else { return }
        let (actorID, now) = (try actor.requireID(), clock.now())
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // Guarded by the severity read above, so the tally moves from the right key.
            guard let row = try await sql.raw("""
                UPDATE bugs SET severity = \(bind: severity.rawValue) WHERE id = \(bind: bugID) AND COALESCE(severity, '') = \(bind: bug.severity?.rawValue ?? "")
                RETURNING \(unsafeRaw: BugTallies.returning)
                """).first()
            else { throw BugError.changedMeanwhile }
            let key = try BugTallies.key(row)
            try await BugTallies.shift(from: key.with(severity: bug.severity?.rawValue ?? ""), to: key, on: sql)
            try await Self.rerank(bugID, touch: nil, on: sql)
            try await Self.record(bugID, .severity, note: severity.rawValue, actorID: actorID, at: now, on: sql)
        }
    }

    func setModule(_ bugID: Int, to key: String?, by actor: User) async throws {
        let bug = try await bug(bugID)
        guard try await BugsPolicy.canTriage(actor, product: bug.$product.id, on: db) else { throw CoreError.forbidden }
        let moduleID = try await module(key, of: bug.$product.id)
        guard bug.$module.id != moduleID else { return }
        let (actorID, now) = (try actor.requireID(), clock.now())
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            guard let row = try await sql.raw("""
                UPDATE bugs SET module_id = \(bind: moduleID) WHERE id = \(bind: bugID) AND COALESCE(module_id, 0) = \(bind: bug.$module.id ?? 0)
                RETURNING \(unsafeRaw: BugTallies.returning)
                """).first()
            else { throw BugError.changedMeanwhile }
            let tally = try BugTallies.key(row)
            try await BugTallies.shift(from: tally.with(module: bug.$module.id ?? 0), to: tally, on: sql)
            try await Self.record(bugID, .module, note: key?.lowercased() ?? "", actorID: actorID, at: now, on: sql)
        }
    }

    enum BulkAction: Sendable {
        case setModule(String?)
        case setSeverity(BugSeverity)
        case duplicate(of: Int)
    }

    /// The triage queue's bulk actions: each bug on its own, so one refusal (a bug of another
    /// product, one already closed) leaves the others done. Returns the refusals by bug.
    func bulk(_ bugIDs: [Int], _ action: BulkAction, in productID: Int, by actor: User) async throws -> [Int: any Error] {
        let ids = Array(Set(bugIDs)).sorted()
        guard !ids.isEmpty, ids.count <= BugRules.bulkMax else {
            throw CoreError.invalidField(field: "bug_ids", messageKey: "bugs.invalid.bulk", arguments: [String(BugRules.bulkMax)])
        }
        var refused: [Int: any Error] = [:]
        for id in ids {
            do {
                guard try await bug(id).$product.id == productID else { throw CoreError.notFound }
                switch action {
                case .setModule(let key): try await setModule(id, to: key, by: actor)
                case .setSeverity(let severity): try await setSeverity(id, to: severity, by: actor)
                case .duplicate(let target): _ = try await markDuplicate(id, of: target, note: nil, by: actor)
                }
            } catch let error as any AppError where error.status.code < 500 {
                refused[id] = error
            }
        }
        return refused
    }
}
