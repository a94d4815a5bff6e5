import Foundation

/// Marks matches in search results. Works on the original text, so what is highlighted is what
/// the member wrote; everything is HTML-escaped before `<mark>` goes in. Matching is on Unicode
/// scalars folded to lower case one for one (terms come lowercased from `SearchTerms`), which
/// keeps offsets in the folded text and the original the same; Foundation's case-blind search
/// was a tenth of an uncached search's time.
enum Highlighter {
    static let snippetLength = 160

    static func mark(_ text: String, _ needles: [String]) -> String {
        mark(Array(text.unicodeScalars), needles)
    }

    /// About `snippetLength` characters of plain text around the first match.
    static func snippet(of body: String, _ needles: [String]) -> String {
        let plain = collapsingWhitespace(body)
        let folded = plain.map(fold)
        let first = needles.compactMap { needle -> Int? in
            let pattern = needle.unicodeScalars.map(fold)
            return pattern.isEmpty ? nil : firstIndex(of: pattern, in: folded, from: 0)
        }.min()
        let start = max(0, (first ?? 0) - snippetLength / 3)
        let end = min(plain.count, start + snippetLength)
        return (start > 0 ? "…" : "") + mark(Array(plain[start..<end]), needles) + (end < plain.count ? "…" : "")
    }

    private static func mark(_ scalars: [Unicode.Scalar], _ needles: [String]) -> String {
        let folded = scalars.map(fold)
        var ranges: [Range<Int>] = []
        for needle in needles {
            let pattern = needle.unicodeScalars.map(fold)
            guard let head = pattern.first else { continue }
            var start = 0
            while let found = firstIndex(of: pattern, in: folded, from: start) {
                let range = found..<(found + pattern.count)
                // A Latin needle matches whole words only, as the search does.
                if SearchTerms.isCJK(head) || isWordMatch(range, in: scalars) { ranges.append(range) }
                start = range.upperBound
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var html: [UInt8] = []
        html.reserveCapacity(scalars.count * 3 + ranges.count * 13)
        var cursor = 0
        for range in ranges where range.lowerBound >= cursor {
            appendEscaped(scalars[cursor..<range.lowerBound], to: &html)
            html.append(contentsOf: "<mark>".utf8)
            appendEscaped(scalars[range], to: &html)
            html.append(contentsOf: "</mark>".utf8)
            cursor = range.upperBound
        }
        appendEscaped(scalars[cursor...], to: &html)
        return String(decoding: html, as: UTF8.self)
    }

    private static func appendEscaped(_ scalars: ArraySlice<Unicode.Scalar>, to html: inout [UInt8]) {
        for scalar in scalars {
            UTF8.encode(scalar) { Markdown.appendEscaped($0, to: &html) }
        }
    }

    /// Lower case when that is one scalar (A → a, É → é); anything else stays as it is.
    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            return (65...90).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
        }
        guard !SearchTerms.isCJK(scalar), scalar.properties.changesWhenLowercased else { return scalar }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }

    private static func firstIndex(of pattern: [Unicode.Scalar], in text: [Unicode.Scalar], from start: Int) -> Int? {
        guard let head = pattern.first, text.count - start >= pattern.count else { return nil }
        var index = start
        while index <= text.count - pattern.count {
            if text[index] == head {
                var offset = 1
                while offset < pattern.count && text[index + offset] == pattern[offset] { offset += 1 }
                if offset == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// Runs of whitespace become one space, with none at either end.
    private static func collapsingWhitespace(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII ? scalar == " " || (9...13).contains(scalar.value) : scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return result
    }

    private static func isWordMatch(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Bool {
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) && !SearchTerms.isCJK(scalar)
        }
        if range.lowerBound > 0, isWordScalar(scalars[range.lowerBound - 1]) { return false }
        if range.upperBound < scalars.count, isWordScalar(scalars[range.upperBound]) { return false }
        return true
    }
}
