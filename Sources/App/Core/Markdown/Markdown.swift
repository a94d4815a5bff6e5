import Foundation
import Ink

/// Markdown written by members, rendered with Ink. Their HTML is escaped before Ink sees it, so
/// only Markdown can make markup; links get `rel="nofollow ugc"` and unsafe schemes are dropped.
enum Markdown {
    static func html(_ source: String) -> String {
        let parser = MarkdownParser()
        let rendered = parser.html(from: escape(source))
        return hardenLinks(rendered)
    }

    /// `<` can open no tag and `"` can close no attribute once escaped; `>` stays, for quotes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static let unsafeSchemes = ["javascript:", "vbscript:", "data:", "file:"]

    private static func hardenLinks(_ html: String) -> String {
        var output = html
        output = output.replacingOccurrences(of: "<a href=\"", with: "<a rel=\"nofollow ugc\" href=\"")
        for scheme in unsafeSchemes {
            output = output.replacingOccurrences(of: "href=\"\(scheme)", with: "href=\"#blocked-", options: .caseInsensitive)
            output = output.replacingOccurrences(of: "src=\"\(scheme)", with: "src=\"#blocked-", options: .caseInsensitive)
        }
        return output
    }
}
