import Foundation

/// Marks matches in search results. Works on the original text, so what is highlighted is what
/// the member wrote; everything is HTML-escaped before `<mark>` goes in.
enum Highlighter {
    static let snippetLength = 160

    static func mark(_ text: String, _ needles: [String]) -> String {
        var ranges: [Range<String.Index>] = []
        for needle in needles where !needle.isEmpty {
            var start = text.startIndex
            while let range = text.range(of: needle, options: [.caseInsensitive], range: start..<text.endIndex) {
                // A Latin needle matches whole words only, as the search does.
                if isWordMatch(range, in: text, needle: needle) { ranges.append(range) }
                start = range.upperBound
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var html = ""
        var cursor = text.startIndex
        for range in ranges where range.lowerBound >= cursor {
            html += Markdown.escape(String(text[cursor..<range.lowerBound]))
            html += "<mark>" + Markdown.escape(String(text[range])) + "</mark>"
            cursor = range.upperBound
        }
        html += Markdown.escape(String(text[cursor...]))
        return html
    }

    /// About `snippetLength` characters of plain text around the first match.
    static func snippet(of body: String, _ needles: [String]) -> String {
        let plain = body.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let first = needles.compactMap { plain.range(of: $0, options: .caseInsensitive)?.lowerBound }.min()
        guard let first else { return mark(String(plain.prefix(snippetLength)), needles) }
        let lead = plain.distance(from: plain.startIndex, to: first)
        let startOffset = max(0, lead - snippetLength / 3)
        let start = plain.index(plain.startIndex, offsetBy: startOffset)
        let end = plain.index(start, offsetBy: snippetLength, limitedBy: plain.endIndex) ?? plain.endIndex
        return (startOffset > 0 ? "…" : "") + mark(String(plain[start..<end]), needles) + (end < plain.endIndex ? "…" : "")
    }

    private static func isWordMatch(_ range: Range<String.Index>, in text: String, needle: String) -> Bool {
        guard let first = needle.unicodeScalars.first, !SearchTerms.isCJK(first) else { return true }
        func isWordCharacter(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil } && !character.unicodeScalars.contains(where: SearchTerms.isCJK)
        }
        if range.lowerBound > text.startIndex, isWordCharacter(text[text.index(before: range.lowerBound)]) { return false }
        if range.upperBound < text.endIndex, isWordCharacter(text[range.upperBound]) { return false }
        return true
    }
}
