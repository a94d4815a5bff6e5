import Foundation

public enum SupportedLocale: String, CaseIterable, Sendable, Codable {
    case zhHans = "zh-Hans"
    case en = "en"

    /// The name of each language in itself, for the language switch.
    var nativeName: String {
        switch self {
        case .zhHans: "简体中文"
        case .en: "English"
        }
    }

    var foundationLocale: Locale {
        switch self {
        case .zhHans: Locale(identifier: "zh_Hans_CN")
        case .en: Locale(identifier: "en_US")
        }
    }

    /// Maps a language tag such as `zh-CN`, `zh-Hans-CN` or `en-GB` to the closest supported locale.
    init?(languageTag: String) {
        let tag = languageTag.trimmingCharacters(in: .whitespaces).lowercased()
        if tag == "zh" || tag.hasPrefix("zh-") || tag.hasPrefix("zh_") {
            self = .zhHans
        } else if tag == "en" || tag.hasPrefix("en-") || tag.hasPrefix("en_") {
            self = .en
        } else {
            return nil
        }
    }

    /// Picks the best supported locale from an `Accept-Language` header, honouring q-values.
    static func bestMatch(acceptLanguage header: String) -> SupportedLocale? {
        var candidates: [(locale: SupportedLocale, quality: Double, order: Int)] = []
        for (order, part) in header.split(separator: ",").prefix(20).enumerated() {
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first, let locale = SupportedLocale(languageTag: String(tag)) else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let kv = parameter.split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces) == "q",
                    let q = Double(kv[1].trimmingCharacters(in: .whitespaces))
                {
                    quality = q
                }
            }
            if quality > 0 { candidates.append((locale, quality, order)) }
        }
        return candidates.max { a, b in
            a.quality == b.quality ? a.order > b.order : a.quality < b.quality
        }?.locale
    }
}
