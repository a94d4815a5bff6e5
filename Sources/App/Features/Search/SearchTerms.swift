/// Turns text into the terms the search index stores, so Chinese (which has no spaces) and
/// English are both found: Latin words and numbers are terms as they are (lowercased), and every
/// run of CJK characters becomes its overlapping bigrams (小米相机 → 小米 米相 相机), with the
/// run's last character on its own so a one-character query can still find it by prefix.
enum SearchTerms {
    /// A query's parts: each is matched as a phrase of terms; all parts must match.
    enum Part: Equatable {
        /// A Latin word, matched as a whole word.
        case word(String)
        /// Consecutive bigrams of one CJK run, matched as a phrase.
        case bigrams([String])
        /// A single CJK character, matched as the prefix of a term.
        case prefix(String)

        /// What to highlight in the original text.
        var needle: String {
            switch self {
            case .word(let word): word
            case .bigrams(let grams): String(grams[0]) + grams.dropFirst().map { String($0.last!) }.joined()
            case .prefix(let character): character
            }
        }
    }

    static let maxWordLength = 40

    /// The index terms of a text, in order.
    static func terms(of text: String) -> [String] {
        var terms: [String] = []
        for run in runs(of: text) {
            switch run {
            case .latin(let word): terms.append(word)
            case .cjk(let characters):
                if characters.count == 1 { terms.append(String(characters[0])); continue }
                for index in 0..<(characters.count - 1) {
                    terms.append(String(characters[index]) + String(characters[index + 1]))
                }
                terms.append(String(characters[characters.count - 1]))
            }
        }
        return terms
    }

    /// The parts of a query, at most eight (the rest of a very long query adds little).
    static func parts(of query: String) -> [Part] {
        var parts: [Part] = []
        for run in runs(of: query) {
            switch run {
            case .latin(let word): parts.append(.word(word))
            case .cjk(let characters):
                if characters.count == 1 {
                    parts.append(.prefix(String(characters[0])))
                } else {
                    parts.append(.bigrams((0..<(characters.count - 1)).map { String(characters[$0]) + String(characters[$0 + 1]) }))
                }
            }
            if parts.count == 8 { break }
        }
        return parts
    }

    private enum Run {
        case latin(String)
        case cjk([Character])
    }

    private static func runs(of text: String) -> [Run] {
        var runs: [Run] = []
        var latin = ""
        var cjk: [Character] = []
        func flush() {
            if !latin.isEmpty {
                if latin.count <= maxWordLength { runs.append(.latin(latin)) }
                latin = ""
            }
            if !cjk.isEmpty {
                runs.append(.cjk(cjk))
                cjk = []
            }
        }
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                if !latin.isEmpty { flush() }
                cjk.append(Character(scalar))
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if !cjk.isEmpty { flush() }
                latin.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                flush()
            }
        }
        flush()
        return runs
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF,  // Hiragana, Katakana
            0x3400...0x4DBF,  // CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xAC00...0xD7AF,  // Hangul syllables
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0x20000...0x2FA1F:  // extensions B and later
            true
        default: false
        }
    }
}
