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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 { appendEscaped(byte, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One byte of UTF-8 text, escaped. Every byte of a multi-byte character is ≥ 0x80, so
    /// escaping byte by byte is escaping character by character.
    @inline(__always)
    static func appendEscaped(_ byte: UInt8, to bytes: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
        default: bytes.append(byte)
        }
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
