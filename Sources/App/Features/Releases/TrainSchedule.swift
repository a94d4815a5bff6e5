import Foundation

/// When a product's train phases fall, in the community's time zone. Weekly trains run every
/// week; bi-weekly ones in even weeks (counted from Monday 2024-01-01); monthly ones in the week
/// of the month's first release day; quarterly ones likewise in January, April, July and October.
struct TrainSchedule {
    let calendar: ReleaseCalendar
    let timeZone: TimeZone

    private var gregorian: Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        return calendar
    }

    func weekStart(containing date: Date) -> Date { CommunityCalendar(timeZone: timeZone).weekStart(containing: date) }

    /// The week's name in train runs: the day of its Monday.
    func period(of weekStart: Date) -> String { CommunityCalendar(timeZone: timeZone).day(of: weekStart) }

    func time(of phase: TrainPhase, inWeekOf weekStart: Date) -> Date {
        let slot = calendar.slot(of: phase)
        let day = gregorian.date(byAdding: .day, value: max(1, min(7, slot.weekday)) - 1, to: weekStart) ?? weekStart
        return gregorian.date(byAdding: .minute, value: max(0, min(24 * 60 - 1, slot.minute)), to: day) ?? day
    }

    func isTrainWeek(_ weekStart: Date) -> Bool {
        switch calendar.cadence {
        case .weekly:
            return true
        case .biweekly:
            let origin = gregorian.date(from: DateComponents(year: 2024, month: 1, day: 1)) ?? .distantPast
            let weeks = gregorian.dateComponents([.weekOfYear], from: origin, to: weekStart).weekOfYear ?? 0
            return weeks % 2 == 0
        case .monthly, .quarterly:
            let releaseDay = time(of: .release, inWeekOf: weekStart)
            let parts = gregorian.dateComponents([.day, .month], from: releaseDay)
            let firstOfMonth = (parts.day ?? 99) <= 7
            return calendar.cadence == .monthly ? firstOfMonth : firstOfMonth && [1, 4, 7, 10].contains(parts.month ?? 0)
        }
    }

    /// The first train week starting at or after the week of `date` (within two years).
    func nextTrainWeek(from date: Date) -> Date? {
        var week = weekStart(containing: date)
        for _ in 0..<110 {
            if isTrainWeek(week) { return week }
            week = gregorian.date(byAdding: .day, value: 7, to: week) ?? week.addingTimeInterval(7 * 86_400)
        }
        return nil
    }
}
