import Fluent
import Foundation

/// What the forum shows beside a post's author: their level with its stars and up to three
/// medals (the newest). Read for a whole page of authors in three queries.
struct AuthorBadge: Sendable {
    struct MedalBadge: Sendable, Encodable {
        let name: String
        let iconURL: String
    }

    let levelName: String
    let stars: Int
    let medals: [MedalBadge]
}

extension StandingService {
    func badges(for userIDs: Set<Int>, locale: SupportedLocale) async throws -> [Int: AuthorBadge] {
        guard !userIDs.isEmpty else { return [:] }
        let ids = Array(userIDs)
        let balances = try await CreditBalance.query(on: db).filter(\.$user.$id ~~ ids)
            .filter(\.$currency == CreditRule.defaultCurrency).all()
        var credits: [Int: Int] = [:]
        for balance in balances { credits[balance.$user.id] = balance.balance }
        let levels = try await levels()
        let now = clock.now()
        let held = try await MemberMedal.query(on: db).filter(\.$user.$id ~~ ids).filter(\.$revokedAt == nil)
            .sort(\.$awardedAt, .descending).with(\.$medal).all()
        var medals: [Int: [AuthorBadge.MedalBadge]] = [:]
        for row in held where row.isHeld(at: now) && medals[row.$user.id, default: []].count < 3 {
            medals[row.$user.id, default: []].append(.init(name: row.medal.name(locale), iconURL: row.medal.iconDataURL))
        }
        var badges: [Int: AuthorBadge] = [:]
        for id in ids {
            let balance = credits[id] ?? 0
            let level = levels.last { $0.minCredits <= balance } ?? levels.first
            badges[id] = AuthorBadge(levelName: level?.name(locale) ?? "", stars: level?.stars ?? 0, medals: medals[id] ?? [])
        }
        return badges
    }
}
