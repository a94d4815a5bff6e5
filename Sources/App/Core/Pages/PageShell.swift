import Foundation
import LeafKit
import NIOCore

/// A page rendered once for all the members who would see the same thing, with holes where each
/// member's own parts go (their name, CSRF token, unread count, which posts they liked). Filling
/// the holes is a copy, where rendering the page with Leaf is most of what a page costs.
struct PageShell: Sendable {
    enum Segment: Sendable {
        case text(ByteBuffer)
        case hole(String)
    }

    let segments: [Segment]
    let contentType: String

    /// Stands in for a hole while the page renders. Its prefix is random for each process, so
    /// text that users typed can never be mistaken for a hole.
    struct Marker: Sendable {
        let prefix: String
        static let end = "\u{E001}"

        static func random() -> Marker {
            Marker(prefix: "\u{E000}" + (0..<4).map { _ in String(UInt32.random(in: .min ... .max), radix: 16) }.joined(separator: "-") + ":")
        }

        func hole(_ name: String) -> String { prefix + name + Self.end }
    }

    /// Cuts a rendered page at its holes.
    init(parsing body: ByteBuffer, marker: Marker, contentType: String) {
        let bytes = Array(body.readableBytesView)
        let prefix = Array(marker.prefix.utf8)
        let end = Array(Marker.end.utf8)
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        while let found = Self.find(prefix, in: bytes, from: index) {
            let nameStart = found + prefix.count
            guard let nameEnd = Self.find(end, in: bytes, from: nameStart) else { break }
            if found > textStart { segments.append(.text(ByteBuffer(bytes: bytes[textStart..<found]))) }
            segments.append(.hole(String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)))
            index = nameEnd + end.count
            textStart = index
        }
        if textStart < bytes.count { segments.append(.text(ByteBuffer(bytes: bytes[textStart...]))) }
        self.segments = segments
        self.contentType = contentType
    }

    /// The page for one member: each hole gets its value, escaped as Leaf's `#( )` would (a hole
    /// missing from `values` stays empty).
    func filled(_ values: [String: String]) -> ByteBuffer {
        var capacity = 0
        for case .text(let text) in segments { capacity += text.readableBytes }
        var out = ByteBufferAllocator().buffer(capacity: capacity + 2048)
        for segment in segments {
            switch segment {
            case .text(let text): out.writeImmutableBuffer(text)
            case .hole(let name): out.writeString(Self.escaped(values[name] ?? ""))
            }
        }
        return out
    }

    /// As Leaf's `#( )` escapes; most values (counts, tokens) need nothing, and are not copied.
    private static func escaped(_ value: String) -> String {
        let special = value.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
        }
        return special ? value.htmlEscaped() : value
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
