import Fluent
import Vapor

/// Applying to the honorary dev group, and staff's review of the applications.
extension PyramidService {
    func apply(_ userID: Int, statement raw: String?) async throws -> TierApplication {
        let statement = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.statementLength.contains(statement.count) else {
            throw CoreError.invalidField(
                field: "statement", messageKey: "pyramid.invalid.statement",
                arguments: [String(Self.statementLength.lowerBound), String(Self.statementLength.upperBound)])
        }
        let target = Tier.honoraryDeveloper
        guard try await tier(of: userID) < target else { throw PyramidError.alreadyInTier }
        guard let rule = try await rules()[target], try await conditions(of: userID, toward: rule).allSatisfy(\.met) else {
            throw PyramidError.notEligible
        }
        let previous = try await TierApplication.query(on: db).filter(\.$user.$id == userID).sort(\.$createdAt, .descending).first()
        if previous?.status == .pending { throw PyramidError.applicationPending }
        if let previous, previous.status == .declined, let decided = previous.decidedAt {
            let reopens = decided.addingTimeInterval(Double(Self.applicationCooldownDays) * 86_400)
            if reopens > clock.now() { throw PyramidError.applicationCooldown(until: reopens) }
        }
        let application = TierApplication(userID: userID, tier: target, statement: statement, createdAt: clock.now())
        try await application.create(on: db)
        return application
    }

    func pendingApplications() async throws -> [TierApplication] {
        try await TierApplication.query(on: db).filter(\.$status == .pending).sort(\.$createdAt).with(\.$user).all()
    }

    func latestApplication(of userID: Int) async throws -> TierApplication? {
        try await TierApplication.query(on: db).filter(\.$user.$id == userID).sort(\.$createdAt, .descending).first()
    }

    /// Approve (within the tier's quota) or decline (with a reason the applicant will read).
    func decide(_ applicationID: Int, approve: Bool, note raw: String?, reviewer: User) async throws -> TierApplication {
        guard PyramidPolicy.canReviewApplications(reviewer) else { throw CoreError.forbidden }
        guard let application = try await TierApplication.find(applicationID, on: db) else { throw CoreError.notFound }
        guard application.status == .pending else { throw PyramidError.alreadyDecided }
        let note = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !approve, note.isEmpty {
            throw CoreError.invalidField(field: "note", messageKey: "pyramid.invalid.decline_reason")
        }
        guard note.count <= 2000 else {
            throw CoreError.invalidField(field: "note", messageKey: "pyramid.invalid.note_length")
        }
        if approve, let rule = try await rules()[application.tier], let quota = rule.quota, try await members(in: application.tier) >= quota {
            throw PyramidError.tierFull
        }
        let reviewerID = try reviewer.requireID()
        let decision: TierApplication.Status = approve ? .approved : .declined
        // A conditional update claims the application: when two staff decide at once, only the
        // first still finds it pending.
        try await TierApplication.query(on: db).filter(\.$id == applicationID).filter(\.$status == .pending)
            .set(\.$status, to: decision).set(\.$reviewer.$id, to: reviewerID)
            .set(\.$decisionNote, to: note).set(\.$decidedAt, to: clock.now()).update()
        guard let updated = try await TierApplication.find(applicationID, on: db), updated.$reviewer.id == reviewerID,
            updated.status == decision, updated.decisionNote == note
        else { throw PyramidError.alreadyDecided }
        if approve {
            try await setTier(application.$user.id, to: application.tier, reason: "application_approved", note: note, actorID: reviewerID)
        }
        return updated
    }
}
