import Fluent

/// The core team is for staff accounts only, and only by an admin's invitation.
extension PyramidService {
    func inviteToCoreTeam(_ userID: Int, note raw: String?, by admin: User) async throws {
        guard StandingPolicy.canAdminister(admin) else { throw CoreError.forbidden }
        let member = try await AccountsService.member(userID, on: db)
        guard PyramidPolicy.mayJoinCoreTeam(member) else { throw PyramidError.notStaff }
        guard try await tier(of: userID) != .coreTeam else { throw PyramidError.alreadyInTier }
        let note = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await setTier(userID, to: .coreTeam, reason: "invited", note: String(note.prefix(500)), actorID: try admin.requireID())
    }
}
