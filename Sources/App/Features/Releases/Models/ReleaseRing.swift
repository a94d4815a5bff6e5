/// The rings a build moves through, innermost first (DOMAIN.md §1): the core team, the
/// honorary dev group's closed beta, the weekly (developer) ring, then everyone.
enum ReleaseRing: String, Codable, CaseIterable, Comparable, Sendable {
    case `internal`
    case closedBeta = "closed_beta"
    case weekly
    case stable

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    static func < (lhs: ReleaseRing, rhs: ReleaseRing) -> Bool { lhs.rank < rhs.rank }

    var next: ReleaseRing? { rank + 1 < Self.allCases.count ? Self.allCases[rank + 1] : nil }

    var labelKey: String { "releases.ring.\(rawValue)" }

    static func parse(_ raw: String?, field: String = "ring") throws -> ReleaseRing {
        guard let ring = raw.flatMap(ReleaseRing.init(rawValue:)) else {
            throw CoreError.invalidField(field: field, messageKey: "releases.invalid.ring")
        }
        return ring
    }
}
