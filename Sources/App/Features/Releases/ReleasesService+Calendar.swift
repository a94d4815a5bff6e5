import Fluent
import Foundation

extension ReleasesService {
    struct CalendarInput: Sendable {
        var cadence: String?
        var reportDays: Int?
        /// Per phase: weekday 1 (Monday) to 7, and `HH:MM` in the community's time zone.
        var slots: [TrainPhase: (weekday: Int?, time: String?)] = [:]
    }

    /// The product's train calendar, made with the defaults on first use.
    func calendar(of productID: Int) async throws -> ReleaseCalendar {
        if let calendar = try await ReleaseCalendar.query(on: db).filter(\.$product.$id == productID).first() { return calendar }
        let fresh = ReleaseCalendar(productID: productID, createdAt: clock.now())
        do {
            try await fresh.create(on: db)
            return fresh
        } catch where isConstraintViolation(error) {
            guard let calendar = try await ReleaseCalendar.query(on: db).filter(\.$product.$id == productID).first() else { throw error }
            return calendar
        }
    }

    /// Staff or the product's team change the cadence, the report's length or a phase's time;
    /// fields left out keep their value.
    func updateCalendar(of productID: Int, _ input: CalendarInput, by actor: User) async throws -> ReleaseCalendar {
        guard try await ReleasesPolicy.canManage(actor, product: productID, on: db) else { throw CoreError.forbidden }
        let calendar = try await calendar(of: productID)
        if let raw = input.cadence, !raw.isEmpty {
            guard let cadence = TrainCadence(rawValue: raw) else { throw CoreError.invalidField(field: "cadence", messageKey: "releases.invalid.cadence") }
            calendar.cadence = cadence
        }
        if let days = input.reportDays { calendar.reportDays = try FieldRules.number(days, "report_days", ReleaseRules.reportDaysRange) }
        for (phase, slot) in input.slots {
            let field = phase.rawValue
            let weekday = try slot.weekday.map { try FieldRules.number($0, "\(field)_weekday", 1...7) }
            let minute = try slot.time.flatMap { $0.isEmpty ? nil : $0 }.map { try Self.minute(of: $0, field: "\(field)_time") }
            switch phase {
            case .report:
                calendar.reportWeekday = weekday ?? calendar.reportWeekday
                calendar.reportMinute = minute ?? calendar.reportMinute
            case .preview:
                calendar.previewWeekday = weekday ?? calendar.previewWeekday
                calendar.previewMinute = minute ?? calendar.previewMinute
            case .closedBeta:
                calendar.betaWeekday = weekday ?? calendar.betaWeekday
                calendar.betaMinute = minute ?? calendar.betaMinute
            case .release:
                calendar.releaseWeekday = weekday ?? calendar.releaseWeekday
                calendar.releaseMinute = minute ?? calendar.releaseMinute
            }
        }
        try await calendar.update(on: db)
        return calendar
    }

    /// `HH:MM` as minutes after midnight.
    static func minute(of time: String, field: String) throws -> Int {
        let parts = time.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else {
            throw CoreError.invalidField(field: field, messageKey: "releases.invalid.time")
        }
        return hour * 60 + minute
    }

    static func clockTime(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
}
