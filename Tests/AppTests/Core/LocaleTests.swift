import Foundation
import Testing

@testable import App

@Suite("Two languages")
struct LocaleTests {
    static let localizer = try! Localizer.load(from: "Resources/Locales/")

    @Test func both_locale_files_have_the_same_keys() {
        let zh = Self.localizer.keys(of: .zhHans)
        let en = Self.localizer.keys(of: .en)
        #expect(zh.subtracting(en).isEmpty, "missing in en: \(zh.subtracting(en).sorted())")
        #expect(en.subtracting(zh).isEmpty, "missing in zh-Hans: \(en.subtracting(zh).sorted())")
    }

    /// Every `#t("key")` in a template and every message key in the code exists in the files.
    @Test func every_key_used_exists() throws {
        var used = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"(?:#t\(|\bt\(|text\(|Key: |messageKey: |labelKey: )"([a-z_]+(?:\.[a-z0-9_]+)+)""#)
        for root in ["Resources/Views", "Sources/App"] {
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let path = enumerator?.nextObject() as? String {
                guard path.hasSuffix(".leaf") || path.hasSuffix(".swift"),
                    let text = try? String(contentsOfFile: root + "/" + path, encoding: .utf8)
                else { continue }
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    used.insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
            }
        }
        for error in [AccountsError.emailTaken, .nameTaken, .registrationClosed, .invalidCredentials, .wrongCurrentPassword, .setupAlreadyDone, .tokenNotFound] {
            used.insert(error.messageKey)
        }
        for error in [CoreError.notFound, .unauthorized, .forbidden, .csrfRejected, .malformedBody] {
            used.insert(error.messageKey)
        }
        for role in User.Role.allCases { used.insert("role.\(role.rawValue)") }
        #expect(used.count > 50)
        let missing = used.subtracting(Self.localizer.keys(of: .zhHans))
        #expect(missing.isEmpty, "keys used but not defined: \(missing.sorted())")
    }

    /// Leaf reads `#t("key"):` as a tag opening a body, which swallows the rest of the page.
    @Test func no_template_puts_a_colon_right_after_a_tag() throws {
        let pattern = try NSRegularExpression(pattern: #"#t\("[^"]*"[^)]*\):|#if\([a-zA-Z.]+\) "#)
        let enumerator = FileManager.default.enumerator(atPath: "Resources/Views")
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".leaf"), let text = try? String(contentsOfFile: "Resources/Views/" + path, encoding: .utf8) else { continue }
            let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
            #expect(matches.isEmpty, "\(path): \(matches.map { String(text[Range($0.range, in: text)!]) })")
        }
    }

    @Test(arguments: [
        ("zh-CN,zh;q=0.9,en;q=0.8", SupportedLocale.zhHans), ("en-US,en;q=0.9", .en),
        ("fr-FR, en;q=0.5, zh;q=0.4", .en), ("de-DE", nil), ("zh-TW", .zhHans), ("en;q=0.2, zh;q=0.9", .zhHans),
        ("", nil), ("en;q=0", nil),
    ])
    func accept_language_picks_the_best_supported(header: String, expected: SupportedLocale?) {
        #expect(SupportedLocale.bestMatch(acceptLanguage: header) == expected)
    }

    @Test func placeholders_are_filled() {
        #expect(Self.localizer.text("home.members.count", .en, ["200"]) == "200 members so far.")
        #expect(Self.localizer.text("no.such.key", .en) == "no.such.key")
    }

    @Test func dates_show_in_the_viewers_zone_and_language() {
        let date = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 11:06:40 UTC
        #expect(DateDisplay.day(date, .zhHans, TimeZone(identifier: "Asia/Shanghai")!).contains("2026年11月18日"))
        #expect(DateDisplay.time(date, .en, TimeZone(identifier: "Asia/Shanghai")!) == "19:06")
        #expect(DateDisplay.time(date, .en, TimeZone(identifier: "America/New_York")!) == "06:06")
    }
}
