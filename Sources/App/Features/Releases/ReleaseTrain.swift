import Fluent
import Foundation
import SQLKit
import Vapor

/// Moves each product's train through its week (Tue report, Wed preview, Thu closed beta, Fri
/// weekly release), steps stable rollouts along their plan and closes four-grid reports. Every
/// serving node ticks it; a phase runs once per train week because it first claims its row in
/// `train_runs` (unique per product, phase and week), and a claim left by a node that died is
/// taken over after `ReleaseRules.phaseLease`.
struct ReleaseTrain {
    struct PhaseState: Sendable {
        let phase: TrainPhase
        let at: Date
        let run: TrainRun?
    }

    /// Where a product's train is this week.
    struct Status: Sendable {
        let calendar: ReleaseCalendar
        let trainWeek: Bool
        let phases: [PhaseState]
        /// The next train week, when this one has none.
        let next: Date?
    }

    let releases: ReleasesService

    init(_ releases: ReleasesService) { self.releases = releases }

    var db: any Database { releases.db }
    var sql: any SQLDatabase { releases.sql }
    var now: Date { releases.clock.now() }

    func schedule(_ calendar: ReleaseCalendar) -> TrainSchedule { TrainSchedule(calendar: calendar, timeZone: releases.timeZone) }

    /// One pass of the scheduler: every due phase of every product, then rollouts and reports.
    func tick() async throws {
        for product in try await Product.query(on: db).all() {
            let calendar = try await releases.calendar(of: product.requireID())
            let schedule = schedule(calendar)
            let week = schedule.weekStart(containing: now)
            guard schedule.isTrainWeek(week) else { continue }
            for phase in TrainPhase.allCases {
                let at = schedule.time(of: phase, inWeekOf: week)
                guard at <= now, at >= calendar.createdAt else { continue }
                _ = try await run(phase, of: product, period: schedule.period(of: week), actor: nil)
            }
        }
        try await releases.advanceRollouts()
        try await releases.closeDueReports()
    }

    /// Staff or the product's team run a phase now, for this week; once per week still.
    func trigger(_ phase: TrainPhase, of product: Product, by actor: User) async throws -> TrainRun {
        guard try await ReleasesPolicy.canManage(actor, product: product.requireID(), on: db) else { throw CoreError.forbidden }
        let calendar = try await releases.calendar(of: product.requireID())
        let schedule = schedule(calendar)
        guard let run = try await run(phase, of: product, period: schedule.period(of: schedule.weekStart(containing: now)), actor: actor) else {
            throw ReleaseError.phaseAlreadyRan
        }
        return run
    }

    /// Where this week's train is: each phase with its time and its run, if any.
    func status(of product: Product) async throws -> Status {
        let calendar = try await releases.calendar(of: product.requireID())
        let schedule = schedule(calendar)
        let week = schedule.weekStart(containing: now)
        let period = schedule.period(of: week)
        let runs = try await TrainRun.query(on: db).filter(\.$product.$id == product.requireID()).filter(\.$period == period).all()
        let phases = TrainPhase.allCases.map { phase in
            PhaseState(phase: phase, at: schedule.time(of: phase, inWeekOf: week), run: runs.first { $0.phase == phase })
        }
        let next = schedule.isTrainWeek(week) ? nil : schedule.nextTrainWeek(from: week.addingTimeInterval(7 * 86_400))
        return Status(calendar: calendar, trainWeek: schedule.isTrainWeek(week), phases: phases, next: next)
    }

    // MARK: Running a phase

    /// Claims the phase for the week and runs it; nil when another run has it (or had it).
    private func run(_ phase: TrainPhase, of product: Product, period: String, actor: User?) async throws -> TrainRun? {
        let productID = try product.requireID()
        guard let runID = try await claim(phase, product: productID, period: period, actor: actor) else { return nil }
        do {
            let releaseID = try await perform(phase, productID: productID, actor: actor)
            try await sql.raw("""
                UPDATE train_runs SET state = 'done', finished_at = \(bind: now), release_id = \(bind: releaseID) WHERE id = \(bind: runID)
                """).run()
        } catch {
            // Give the claim back, so the next tick tries again.
            try? await sql.raw("DELETE FROM train_runs WHERE id = \(bind: runID) AND state = 'running'").run()
            throw error
        }
        return try await TrainRun.find(runID, on: db)
    }

    private func claim(_ phase: TrainPhase, product productID: Int, period: String, actor: User?) async throws -> Int? {
        let claimed = try await sql.raw("""
            INSERT INTO train_runs (product_id, phase, period, state, claimed_at, actor_id)
            VALUES (\(bind: productID), \(bind: phase.rawValue), \(bind: period), 'running', \(bind: now), \(bind: actor?.id))
            ON CONFLICT (product_id, phase, period) DO NOTHING RETURNING id
            """).first()
        if let claimed { return try claimed.decode(column: "id", as: Int.self) }
        // A lease whose node died is taken over.
        let stale = try await sql.raw("""
            UPDATE train_runs SET claimed_at = \(bind: now), actor_id = \(bind: actor?.id)
            WHERE product_id = \(bind: productID) AND phase = \(bind: phase.rawValue) AND period = \(bind: period)
            AND state = 'running' AND claimed_at < \(bind: now.addingTimeInterval(-ReleaseRules.phaseLease)) RETURNING id
            """).first()
        return try stale?.decode(column: "id", as: Int.self)
    }

    /// The phase's work; returns the release it acted on. Each step checks where the build is,
    /// so running it again changes nothing.
    private func perform(_ phase: TrainPhase, productID: Int, actor: User?) async throws -> Int? {
        let candidates = try await Release.query(on: db).filter(\.$product.$id == productID).sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(20).all()
        switch phase {
        case .report:
            // Last week's build: opened when it reached the weekly ring, or now if it was not.
            guard let release = candidates.first(where: { $0.weeklyAt != nil }), release.reportOpensAt == nil else { return nil }
            try await releases.openReport(try release.requireID(), productID: productID)
            return release.id
        case .preview:
            guard let release = candidates.first(where: { $0.ring < .weekly }) else { return nil }
            _ = try await releases.postPreview(try release.requireID(), by: try await actingUser(actor, for: release))
            return release.id
        case .closedBeta:
            guard let release = candidates.first(where: { $0.ring == .internal }) else { return nil }
            _ = try await releases.promote(try release.requireID(), to: .closedBeta, by: try await actingUser(actor, for: release))
            return release.id
        case .release:
            // A build without a changelog waits: there is nothing to announce or to rate.
            guard let release = candidates.first(where: { $0.ring < .weekly }), !(try await releases.changes(of: release.requireID())).isEmpty else { return nil }
            let user = try await actingUser(actor, for: release)
            if release.ring == .internal { _ = try await releases.promote(try release.requireID(), to: .closedBeta, by: user) }
            _ = try await releases.promote(try release.requireID(), to: .weekly, by: user)
            return release.id
        }
    }

    /// The scheduler acts in the name of the build's creator.
    private func actingUser(_ actor: User?, for release: Release) async throws -> User {
        if let actor { return actor }
        guard let creator = try await User.find(release.$creator.id, on: db) else { throw CoreError.notFound }
        return creator
    }
}
