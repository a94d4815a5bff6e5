import Foundation

/// Versions as builds name them (`14.0.23`, `V14.0.3.0.TKBCNXM`, `24.11.22`): numbers compare
/// as numbers, other parts as text, part by part, so `14.0.10` is newer than `14.0.9`.
enum ReleaseVersion {
    static func isNewer(_ candidate: String, than current: String) -> Bool {
        compare(candidate, current) == .orderedDescending
    }

    static func compare(_ a: String, _ b: String) -> ComparisonResult {
        let left = parts(a), right = parts(b)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : .number(0)
            let r = index < right.count ? right[index] : .number(0)
            switch (l, r) {
            case (.number(let x), .number(let y)) where x != y: return x < y ? .orderedAscending : .orderedDescending
            case (.text(let x), .text(let y)) where x != y: return x < y ? .orderedAscending : .orderedDescending
            // A number part is newer than a text part at the same place (`1.0.1` > `1.0.beta`).
            case (.number, .text): return .orderedDescending
            case (.text, .number): return .orderedAscending
            default: continue
            }
        }
        return .orderedSame
    }

    private enum Part: Equatable {
        case number(Int)
        case text(String)
    }

    private static func parts(_ version: String) -> [Part] {
        var trimmed = Substring(version.trimmingCharacters(in: .whitespaces))
        if let first = trimmed.first, first == "v" || first == "V" { trimmed = trimmed.dropFirst() }
        return trimmed.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).map { piece in
            if let number = Int(piece) { return .number(number) }
            return .text(piece.lowercased())
        }
    }

    /// A device's place in a staged rollout, 0..<100: the same device always lands in the same
    /// bucket (FNV-1a of the product and the device id), so a device in the 5 % stays in as the
    /// percentage grows.
    static func bucket(device: String, product: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (product + ":" + device).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int(hash % 100)
    }
}
