import Fluent
import Foundation
import SQLKit

extension ReleasesService {
    enum RolloutChange: Sendable, Equatable {
        case percent(Int)
        case pause
        case resume
    }

    /// Staff or the product's team steer a stable build's staged rollout: set the percentage by
    /// hand (the plan continues from there), pause it, or resume it.
    func rollout(_ releaseID: Int, _ change: RolloutChange, by actor: User) async throws -> Release {
        let release = try await release(releaseID)
        guard try await ReleasesPolicy.canManage(actor, product: release.$product.id, on: db) else { throw CoreError.forbidden }
        guard release.ring == .stable else { throw ReleaseError.notStable }
        let now = clock.now()
        switch change {
        case .percent(let value):
            let percent = try FieldRules.number(value, "percent", 0...100)
            release.rolloutPercent = percent
            release.rolloutStep = ReleaseRules.rolloutStep(for: percent)
            release.rolloutNextAt = percent < 100 ? now.addingTimeInterval(ReleaseRules.rolloutStepInterval) : nil
        case .pause:
            release.rolloutPaused = true
        case .resume:
            release.rolloutPaused = false
            if release.rolloutPercent < 100 { release.rolloutNextAt = now.addingTimeInterval(ReleaseRules.rolloutStepInterval) }
        }
        try await release.update(on: db)
        return release
    }

    /// Moves every running rollout along its plan; a step missed while no node ran is taken now.
    /// Returns the releases that moved.
    @discardableResult
    func advanceRollouts() async throws -> [Int] {
        let now = clock.now()
        let due = try await Release.query(on: db).filter(\.$ring == .stable).filter(\.$rolloutPaused == false)
            .filter(\.$rolloutPercent < 100).filter(\.$rolloutNextAt <= now).all()
        var moved: [Int] = []
        let plan = ReleaseRules.rolloutPlan
        for release in due {
            guard var next = release.rolloutNextAt else { continue }
            var step = release.rolloutStep
            var percent = release.rolloutPercent
            while next <= now, step < plan.count - 1 {
                step += 1
                percent = max(percent, plan[step])
                next = next.addingTimeInterval(ReleaseRules.rolloutStepInterval)
            }
            let nextAt: Date? = percent >= 100 ? nil : next
            // Guarded by the step read: two nodes advancing at once move it once.
            let row = try await sql.raw("""
                UPDATE releases SET rollout_step = \(bind: step), rollout_percent = \(bind: percent), rollout_next_at = \(bind: nextAt)
                WHERE id = \(bind: try release.requireID()) AND rollout_step = \(bind: release.rolloutStep) AND rollout_paused = \(bind: false) RETURNING id
                """).first()
            if row != nil { moved.append(try release.requireID()) }
        }
        return moved
    }
}
