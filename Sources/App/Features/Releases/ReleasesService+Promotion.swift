import Fluent
import Foundation
import SQLKit

extension ReleasesService {
    /// Moves a build outward to `target`: one ring at a time, or further for staff. Reaching the
    /// weekly ring publishes it (`publish`); reaching stable starts the staged rollout.
    func promote(_ releaseID: Int, to target: ReleaseRing, by actor: User) async throws -> Release {
        let release = try await release(releaseID)
        guard try await ReleasesPolicy.canManage(actor, product: release.$product.id, on: db) else { throw CoreError.forbidden }
        guard target > release.ring else { throw ReleaseError.notForward }
        guard ReleasesPolicy.promotionTargets(from: release.ring, by: actor).contains(target) else { throw ReleaseError.ringSkipped }
        if ReleasesPolicy.isPublished(target), release.weeklyAt == nil, try await changes(of: releaseID).isEmpty { throw ReleaseError.noChanges }
        let now = clock.now()
        let from = release.ring
        let calendar = try await calendar(of: release.$product.id)
        let publishes = ReleasesPolicy.isPublished(target) && release.weeklyAt == nil
        let startsRollout = target == .stable
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // Guarded by the ring read above: of two simultaneous promotions one wins.
            let moved = try await sql.raw("UPDATE releases SET ring = \(bind: target.rawValue) WHERE id = \(bind: releaseID) AND ring = \(bind: from.rawValue) RETURNING id").first()
            guard moved != nil else { throw ReleaseError.notForward }
            if publishes {
                try await sql.raw("UPDATE releases SET weekly_at = \(bind: now) WHERE id = \(bind: releaseID)").run()
                try await Self.openReport(releaseID, days: calendar.reportDays, at: now, on: sql)
            }
            if startsRollout {
                let first = ReleaseRules.rolloutPlan[0]
                try await sql.raw("""
                    UPDATE releases SET stable_at = \(bind: now), rollout_percent = \(bind: first), rollout_step = 0,
                    rollout_next_at = \(bind: now.addingTimeInterval(ReleaseRules.rolloutStepInterval)), rollout_paused = \(bind: false)
                    WHERE id = \(bind: releaseID)
                    """).run()
            }
        }
        let promoted = try await self.release(releaseID)
        if publishes { try await publish(promoted, by: actor) }
        return promoted
    }

    /// The build's four-grid report opens now for the calendar's days, unless it already opened.
    func openReport(_ releaseID: Int, productID: Int) async throws {
        try await Self.openReport(releaseID, days: try await calendar(of: productID).reportDays, at: clock.now(), on: sql)
    }

    private static func openReport(_ releaseID: Int, days: Int, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE releases SET report_opens_at = COALESCE(report_opens_at, \(bind: now)),
            report_closes_at = COALESCE(report_closes_at, \(bind: now.addingTimeInterval(Double(days) * 86_400)))
            WHERE id = \(bind: releaseID)
            """).run()
    }

    /// The build reaches the weekly ring: its release thread with changelog and credits goes up in
    /// the product's announcement board, its linked ideas ship (their followers are told and their
    /// authors paid, through the ideas area), and its four-grid report opens.
    ///
    /// Bugs the team marked fixed in this build are listed in the thread, crediting their reporters.
    private func publish(_ release: Release, by actor: User) async throws {
        let releaseID = try release.requireID()
        let changes = try await changes(of: releaseID)
        let credited = try await credits(of: changes)
        guard let product = try await Product.find(release.$product.id, on: db) else { return }
        let boardID = try await announcementBoard(for: product)
        let body = ReleaseAnnouncement.releaseBody(
            release, product: product, changes: changes, credited: credited, fixedBugs: try await BugsService.fixed(in: releaseID, on: db))
        let thread = try await forum.openDiscussion(
            in: boardID, by: try actor.requireID(), title: ReleaseAnnouncement.releaseTitle(release, product: product), body: body, at: clock.now())
        release.threadID = try thread.requireID()
        try await release.update(on: db)
        let note = "Shipped in \(product.nameEn) \(release.version) · 已在 \(product.nameZh) \(release.version) 中发布"
        for ideaID in Set(changes.compactMap { $0.$idea.id }) {
            guard let idea = try await Idea.find(ideaID, on: db), idea.status.isOpen else { continue }
            _ = try await ideas.setStatus(ideaID, to: .shipped, note: note, by: actor)
        }
    }

    /// The Wednesday preview: what Friday's build is planned to bring, as a thread.
    func postPreview(_ releaseID: Int, by actor: User) async throws -> Release {
        let release = try await release(releaseID)
        guard try await ReleasesPolicy.canManage(actor, product: release.$product.id, on: db) else { throw CoreError.forbidden }
        guard release.ring < .weekly else { throw ReleaseError.released }
        guard release.previewThreadID == nil else { return release }
        guard let product = try await Product.find(release.$product.id, on: db) else { throw CoreError.notFound }
        let changes = try await changes(of: releaseID)
        let thread = try await forum.openDiscussion(
            in: try await announcementBoard(for: product), by: try actor.requireID(), title: ReleaseAnnouncement.previewTitle(release, product: product),
            body: ReleaseAnnouncement.previewBody(release, changes: changes), at: clock.now())
        release.previewThreadID = try thread.requireID()
        try await release.update(on: db)
        return release
    }

    /// The product's announcement board, made on first use.
    func announcementBoard(for product: Product) async throws -> Int {
        let calendar = try await calendar(of: try product.requireID())
        if let boardID = calendar.announcementBoardID { return boardID }
        let board = try await forum.openAnnouncementBoard(nameZh: product.nameZh, nameEn: product.nameEn, icon: product.icon, at: clock.now())
        calendar.announcementBoardID = try board.requireID()
        try await calendar.update(on: db)
        return try board.requireID()
    }
}

/// The text of release threads and previews, in both languages (the forum is shared).
enum ReleaseAnnouncement {
    static func releaseTitle(_ release: Release, product: Product) -> String {
        "【每周更新 Weekly】\(product.nameZh) \(release.version)"
    }

    static func releaseBody(_ release: Release, product: Product, changes: [ReleaseChange], credited: [Int: User], fixedBugs: [Bug] = []) -> String {
        var lines = ["**\(product.nameZh) / \(product.nameEn) \(release.version)**", ""]
        if !release.notes.isEmpty { lines += [release.notes, ""] }
        lines.append("### 更新日志 · Changelog")
        for change in changes {
            var line = "- **\(change.title)** (\(change.team))"
            if change.halfFinished { line += " · 半成品 half-finished" }
            if !change.description.isEmpty { line += ": \(change.description)" }
            if let ideaID = change.$idea.id { line += " · [#\(ideaID)](\(SiteURL.idea(.value(ideaID)).path))" }
            lines.append(line)
        }
        if !fixedBugs.isEmpty {
            lines += ["", "### 修复的缺陷 · Bugs fixed"]
            for bug in fixedBugs { lines.append("- [#\(bug.id ?? 0) \(bug.title)](\(SiteURL.bug(.value(bug.id ?? 0)).path)) · @\(bug.reporter.name)") }
        }
        let names = Array(Set(credited.values.map(\.name))).sorted()
        if !names.isEmpty {
            lines += ["", "感谢提出这些想法的米粉 · Thanks to the fans whose ideas these were: " + names.map { "@\($0)" }.joined(separator: " ")]
        }
        lines += ["", "四格体验报告已开放 · The four-grid report is open: \(SiteURL.release(.value(release.id ?? 0)).path)"]
        return lines.joined(separator: "\n")
    }

    static func previewTitle(_ release: Release, product: Product) -> String {
        "【升级预告 Preview】\(product.nameZh) \(release.version)"
    }

    static func previewBody(_ release: Release, changes: [ReleaseChange]) -> String {
        var lines = ["本周五的更新计划带来 · Friday's build is planned to bring:", ""]
        lines += changes.map { "- \($0.title) (\($0.team))" }
        if changes.isEmpty { lines.append("- …") }
        return lines.joined(separator: "\n")
    }
}
