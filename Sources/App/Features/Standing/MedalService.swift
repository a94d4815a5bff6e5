import Fluent
import Vapor

/// The conditions automatic medals can name. Later areas register theirs (`idea_shipped`,
/// `featured_threads`, ...) by adding a case here that reads through their own service.
enum MedalConditions {
    static let manual = "manual"
    static let credits = "credits"
    static let streak = "streak"
    static let ideasShipped = "ideas_shipped"

    /// The member's current value for a condition, or nil when the condition is unknown.
    static func value(_ condition: String, of userID: Int, standing: StandingService) async throws -> Int? {
        switch condition {
        case credits: try await standing.ledger.balance(of: userID)
        case streak: try await standing.currentStreak(of: userID).streak
        case ideasShipped: try await IdeasService.shippedCount(of: userID, on: standing.db)
        default: nil
        }
    }
}

/// Granting, revoking and listing medals. Grants are idempotent per member and medal.
struct MedalService: CommunityService {
    static let reasonLength = 1...500

    let db: any Database
    let clock: any AppClock
    let timeZone: TimeZone



    func medal(key: String) async throws -> Medal {
        guard let medal = try await Medal.query(on: db).filter(\.$key == key).first() else { throw CoreError.notFound }
        return medal
    }

    /// Grants every automatic medal whose condition the member now meets. Returns the new keys.
    @discardableResult
    func evaluate(_ userID: Int) async throws -> [String] {
        try await evaluate(userID, against: try await automaticMedals())
    }

    func automaticMedals() async throws -> [Medal] {
        try await Medal.query(on: db).filter(\.$enabled == true).filter(\.$condition != MedalConditions.manual).all()
    }

    /// Like `evaluate(_:)`, with the medal definitions read once for many members.
    @discardableResult
    func evaluate(_ userID: Int, against automatic: [Medal]) async throws -> [String] {
        let standing = StandingService(db: db, clock: clock, timeZone: timeZone)
        var values: [String: Int] = [:]
        var granted: [String] = []
        for medal in automatic {
            if values[medal.condition] == nil {
                values[medal.condition] = try await MedalConditions.value(medal.condition, of: userID, standing: standing)
            }
            guard let value = values[medal.condition], value >= medal.threshold else { continue }
            if try await grant(medal, to: userID, reason: "condition:\(medal.condition)>=\(medal.threshold)", actorID: nil) {
                granted.append(medal.key)
            }
        }
        return granted
    }

    /// Staff grant by hand, with a reason.
    func grantByHand(_ key: String, to userID: Int, reason raw: String?, by staff: User) async throws {
        guard PyramidPolicy.canReviewApplications(staff) else { throw CoreError.forbidden }
        let reason = try Self.validReason(raw)
        try await AccountsService.requireMember(userID, on: db)
        let medal = try await medal(key: key)
        guard try await grant(medal, to: userID, reason: reason, actorID: try staff.requireID()) else { throw MedalError.alreadyHeld }
    }

    /// Another area grants a medal its members earned (the Popcorn Award's team medal), with
    /// the reason shown in the medal's history. True when granted now, false if already held.
    func grantEarned(_ key: String, to userID: Int, reason: String) async throws -> Bool {
        try await grant(try await medal(key: key), to: userID, reason: String(reason.prefix(Self.reasonLength.upperBound)), actorID: nil)
    }

    func revoke(_ key: String, from userID: Int, reason raw: String?, by staff: User) async throws {
        guard PyramidPolicy.canReviewApplications(staff) else { throw CoreError.forbidden }
        let reason = try Self.validReason(raw)
        let medal = try await medal(key: key)
        let now = clock.now()
        guard let held = try await MemberMedal.query(on: db).filter(\.$user.$id == userID).filter(\.$medal.$id == medal.requireID()).first(),
            held.isHeld(at: now)
        else { throw MedalError.notHeld }
        try await db.transaction { tx in
            held.revokedAt = now
            try await held.update(on: tx)
            try await MedalEvent(userID: userID, medalID: try medal.requireID(), action: .revoked, reason: reason, actorID: try staff.requireID(), at: now).create(on: tx)
        }
    }

    /// Grants unless held; a revoked or expired medal can be granted again. True when granted now.
    private func grant(_ medal: Medal, to userID: Int, reason: String, actorID: Int?) async throws -> Bool {
        let now = clock.now()
        let medalID = try medal.requireID()
        let expires = medal.validDays.map { now.addingTimeInterval(Double($0) * 86_400) }
        do {
            return try await db.transaction { tx in
                if let row = try await MemberMedal.query(on: tx).filter(\.$user.$id == userID).filter(\.$medal.$id == medalID).first() {
                    guard !row.isHeld(at: now) else { return false }
                    row.awardedAt = now
                    row.expiresAt = expires
                    row.revokedAt = nil
                    try await row.update(on: tx)
                } else {
                    let row = MemberMedal()
                    row.$user.id = userID
                    row.$medal.id = medalID
                    row.awardedAt = now
                    row.expiresAt = expires
                    try await row.create(on: tx)
                }
                try await MedalEvent(userID: userID, medalID: medalID, action: .granted, reason: reason, actorID: actorID, at: now).create(on: tx)
                return true
            }
        } catch where isConstraintViolation(error) {
            return false  // a simultaneous grant of the same medal won
        }
    }

    /// Medals a member holds now, newest first; `limit` 3 is what shows beside posts.
    func held(by userID: Int, limit: Int? = nil) async throws -> [(Medal, MemberMedal)] {
        let now = clock.now()
        let rows = try await MemberMedal.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
            .sort(\.$awardedAt, .descending).with(\.$medal).all()
            .filter { $0.isHeld(at: now) }
        let pairs = rows.map { ($0.medal, $0) }
        return limit.map { Array(pairs.prefix($0)) } ?? pairs
    }

    func all() async throws -> [Medal] {
        try await Medal.query(on: db).sort(\.$id).all()
    }

    static func validReason(_ raw: String?) throws -> String {
        let reason = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reasonLength.contains(reason.count) else {
            throw CoreError.invalidField(field: "reason", messageKey: "medal.invalid.reason", arguments: [String(reasonLength.upperBound)])
        }
        return reason
    }
}

enum MedalError: AppError, Equatable {
    case alreadyHeld
    case notHeld

    var status: HTTPResponseStatus { .conflict }
    var code: String { self == .alreadyHeld ? "medal_already_held" : "medal_not_held" }
    var messageKey: String { "medal.error.\(code)" }
}
