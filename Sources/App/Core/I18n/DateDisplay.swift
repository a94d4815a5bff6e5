import Foundation
import Synchronization

/// Dates as a person reads them: in their language and their time zone.
enum DateDisplay {
    static func dateTime(_ date: Date, _ locale: SupportedLocale, _ zone: TimeZone) -> String {
        format(date, locale, zone, template: "yMMMdHHmm")
    }

    static func day(_ date: Date, _ locale: SupportedLocale, _ zone: TimeZone) -> String {
        format(date, locale, zone, template: "yMMMd")
    }

    static func month(_ date: Date, _ locale: SupportedLocale, _ zone: TimeZone) -> String {
        format(date, locale, zone, template: "yMMMM")
    }

    static func time(_ date: Date, _ locale: SupportedLocale, _ zone: TimeZone) -> String {
        format(date, locale, zone, template: "HHmm")
    }

    /// Making a formatter costs far more than using one, and a forum page shows dozens of
    /// dates; so formatters are kept per language, zone and template, used under a lock.
    private static let formatters = Mutex<[String: DateFormatter]>([:])

    private static func format(_ date: Date, _ locale: SupportedLocale, _ zone: TimeZone, template: String = "", fixed: String? = nil) -> String {
        let key = locale.rawValue + "|" + zone.identifier + "|" + template + "|" + (fixed ?? "")
        return formatters.withLock { formatters in
            if let formatter = formatters[key] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.locale = locale.foundationLocale
            formatter.timeZone = zone
            if let fixed {
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.dateFormat = fixed
            } else {
                formatter.setLocalizedDateFormatFromTemplate(template)
            }
            if formatters.count > 256 { formatters.removeAll() }
            formatters[key] = formatter
            return formatter.string(from: date)
        }
    }

    /// A time both languages read, for messages that have no viewer's zone: `2026-11-24 18:00 UTC`.
    static func utc(_ date: Date) -> String {
        format(date, .en, TimeZone(identifier: "UTC")!, fixed: "yyyy-MM-dd HH:mm 'UTC'")
    }

    /// ISO 8601 in UTC, for `<time datetime>` and the API.
    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
