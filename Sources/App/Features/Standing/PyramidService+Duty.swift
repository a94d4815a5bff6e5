import Fluent
import Foundation

/// The weekly duty of core fans (the weekly testers): at least one contribution a week, checked
/// at Sunday 24:00 in the community's time zone. The first week is exempt; one missed week is a
/// warning, the second in a row moves the member back to fan, with 30 days before rejoining.
extension PyramidService {
    static let dutyContributionsPerWeek = 1

    struct DutyStatus: Sendable {
        let done: Int
        let required: Int
        let weekEnds: Date
        let missedWeeks: Int
        let exempt: Bool
    }

    /// Monday 00:00 of the week containing `date`, in the community's time zone.
    func weekStart(containing date: Date) -> Date {
        CommunityCalendar(timeZone: timeZone).weekStart(containing: date)
    }

    func dutyStatus(of userID: Int) async throws -> DutyStatus? {
        guard let row = try await MemberTier.query(on: db).filter(\.$user.$id == userID).first(), row.tier == .coreFan else {
            return nil
        }
        let start = weekStart(containing: clock.now())
        let end = start.addingTimeInterval(7 * 86_400)
        return DutyStatus(
            done: try await contributions(of: userID, since: start, until: end), required: Self.dutyContributionsPerWeek,
            weekEnds: end, missedWeeks: row.missedDutyWeeks, exempt: row.since > start)
    }

    /// Checks the week that ended most recently before now. Returns the members moved back.
    func checkWeeklyDuty() async throws -> [Int] {
        let end = weekStart(containing: clock.now())
        let start = end.addingTimeInterval(-7 * 86_400)
        var demoted: [Int] = []
        let coreFans = try await MemberTier.query(on: db).filter(\.$tier == .coreFan).all()
        for row in coreFans where row.since <= start {
            let userID = row.$user.id
            if try await contributions(of: userID, since: start, until: end) >= Self.dutyContributionsPerWeek {
                if row.missedDutyWeeks != 0 {
                    row.missedDutyWeeks = 0
                    try await row.update(on: db)
                }
            } else if row.missedDutyWeeks >= 1 {
                try await setTier(
                    userID, to: .fan, reason: "duty_missed",
                    rejoinAfter: clock.now().addingTimeInterval(Double(Self.removedCooldownDays) * 86_400))
                demoted.append(userID)
            } else {
                row.missedDutyWeeks = 1
                try await row.update(on: db)
            }
        }
        return demoted
    }
}
