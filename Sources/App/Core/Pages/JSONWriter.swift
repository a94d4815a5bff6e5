import Foundation
import NIOCore

/// Writes JSON straight into bytes, for the few responses that are encoded per request in bulk
/// (a list page of twenty objects): Foundation's encoder spent more time than the query did.
/// Output is what `JSONBytes` writes: nil fields left out, dates in ISO 8601 to the second, UTC.
struct JSONWriter {
    private(set) var buffer = ByteBuffer()
    private var needsComma = false

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        buffer.writeStaticString("{")
        needsComma = false
        body(&self)
        buffer.writeStaticString("}")
        needsComma = true
    }

    mutating func array<S: Sequence>(_ key: String, _ items: S, _ each: (inout JSONWriter, S.Element) -> Void) {
        self.key(key)
        buffer.writeStaticString("[")
        needsComma = false
        for item in items { each(&self, item) }
        buffer.writeStaticString("]")
        needsComma = true
    }

    mutating func field(_ key: String, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        buffer.writeString(String(value))
        needsComma = true
    }

    mutating func field(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        if value { buffer.writeStaticString("true") } else { buffer.writeStaticString("false") }
        needsComma = true
    }

    mutating func field(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
        needsComma = true
    }

    mutating func field(_ key: String, _ value: Date?) {
        guard let value else { return }
        self.key(key)
        var seconds = time_t(value.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Digit by digit: String(format:) was most of a list's encoding time.
        buffer.writeStaticString("\"")
        digits(Int(parts.tm_year) + 1900, 4)
        buffer.writeStaticString("-")
        digits(Int(parts.tm_mon) + 1, 2)
        buffer.writeStaticString("-")
        digits(Int(parts.tm_mday), 2)
        buffer.writeStaticString("T")
        digits(Int(parts.tm_hour), 2)
        buffer.writeStaticString(":")
        digits(Int(parts.tm_min), 2)
        buffer.writeStaticString(":")
        digits(Int(parts.tm_sec), 2)
        buffer.writeStaticString("Z\"")
        needsComma = true
    }

    /// A non-negative number, zero-padded to `width` digits.
    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = max(value, 0)
        if rest >= divisor * 10 { buffer.writeString(String(rest)); return }
        while divisor > 0 {
            buffer.writeInteger(UInt8(48 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    mutating func object(_ key: String, _ body: (inout JSONWriter) -> Void) {
        self.key(key)
        needsComma = false
        object(body)
    }

    private mutating func separate() {
        if needsComma { buffer.writeStaticString(",") }
    }

    private mutating func key(_ key: String) {
        separate()
        string(key)
        buffer.writeStaticString(":")
    }

    /// A JSON string: quotes, backslashes and control characters escaped; "/" left alone, as the
    /// app's encoder leaves it (`.withoutEscapingSlashes`).
    private mutating func string(_ text: String) {
        buffer.writeStaticString("\"")
        var start = text.utf8.startIndex
        let utf8 = text.utf8
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 {
                buffer.writeBytes(utf8[start..<index])
                switch byte {
                case 0x22: buffer.writeStaticString("\\\"")
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x09: buffer.writeStaticString("\\t")
                default:
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(UInt8(byte < 0x10 ? 48 : 49))
                    let low = byte & 0x0F
                    buffer.writeInteger(low < 10 ? 48 + low : 87 + low)
                }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        buffer.writeBytes(utf8[start..<utf8.endIndex])
        buffer.writeStaticString("\"")
    }
}
