import Vapor

extension Request {
    private struct LocaleKey: StorageKey { typealias Value = SupportedLocale }

    /// The language of this request: the member's setting, else the visitor's chosen language
    /// (a cookie set by the language switch), else `Accept-Language`, else the site default.
    var locale: SupportedLocale {
        if let cached = storage[LocaleKey.self] { return cached }
        let resolved = resolveLocale()
        storage[LocaleKey.self] = resolved
        return resolved
    }

    func forgetResolvedLocale() {
        storage[LocaleKey.self] = nil
    }

    private func resolveLocale() -> SupportedLocale {
        if let setting = currentUser?.locale, let locale = SupportedLocale(rawValue: setting) {
            return locale
        }
        if let chosen = cookies[LocaleCookie.name]?.string, let locale = SupportedLocale(rawValue: chosen) {
            return locale
        }
        if let header = headers.first(name: .acceptLanguage), let locale = SupportedLocale.bestMatch(acceptLanguage: header) {
            return locale
        }
        return application.config.defaultLocale
    }
}

enum LocaleCookie {
    static let name = "canyu_locale"

    static func make(_ locale: SupportedLocale, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: locale.rawValue, maxAge: 365 * 24 * 3600, path: "/", isSecure: secure, isHTTPOnly: true,
            sameSite: .lax)
    }
}
