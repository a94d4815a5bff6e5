import Foundation

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

    private static func format(_ date: Date, _ locale: SupportedLocale, _ zone: TimeZone, template: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale.foundationLocale
        formatter.timeZone = zone
        formatter.setLocalizedDateFormatFromTemplate(template)
        return formatter.string(from: date)
    }

    /// ISO 8601 in UTC, for `<time datetime>` and the API.
    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
