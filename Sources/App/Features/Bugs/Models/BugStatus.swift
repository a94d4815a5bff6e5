/// Where a bug stands (DOMAIN.md §2): new → confirmed → in progress → fixed in build →
/// verified, or won't fix, duplicate, cannot reproduce.
enum BugStatus: String, Codable, CaseIterable, Sendable {
    case new
    case confirmed
    case inProgress = "in_progress"
    case fixed
    case verified
    case wontFix = "wont_fix"
    case duplicate
    case cannotReproduce = "cannot_reproduce"

    /// Members may still say "me too" (on a bug that could not be reproduced, one from a later
    /// build reopens it).
    var takesMeToo: Bool {
        switch self {
        case .new, .confirmed, .inProgress, .cannotReproduce: true
        case .fixed, .verified, .wontFix, .duplicate: false
        }
    }

    /// Still to be dealt with: the default of the lists' "open" filter.
    var isOpen: Bool { self == .new || self == .confirmed || self == .inProgress }

    /// Statuses the product's team sets by hand through `POST …/status`; `verified` comes from
    /// members' verifications (or the team), `duplicate` only from marking a duplicate.
    static let settable: [BugStatus] = [.new, .confirmed, .inProgress, .fixed, .verified, .wontFix, .cannotReproduce]

    /// Where a bug may go from here by hand. A duplicate stays one: its members moved on.
    var next: [BugStatus] {
        switch self {
        case .new: [.confirmed, .inProgress, .fixed, .wontFix, .cannotReproduce]
        case .confirmed: [.inProgress, .fixed, .wontFix, .cannotReproduce]
        case .inProgress: [.confirmed, .fixed, .wontFix, .cannotReproduce]
        case .fixed: [.inProgress, .confirmed, .verified]
        case .verified: [.confirmed]
        case .wontFix, .cannotReproduce: [.new, .confirmed]
        case .duplicate: []
        }
    }

    /// Moves that must say why.
    var needsNote: Bool { self == .wontFix || self == .cannotReproduce }

    var labelKey: String { "bugs.status.\(rawValue)" }

    static func parse(_ raw: String?) throws -> BugStatus {
        guard let status = raw.flatMap(BugStatus.init(rawValue:)) else {
            throw CoreError.invalidField(field: "status", messageKey: "bugs.invalid.status")
        }
        return status
    }
}

/// How bad it is; set by triagers. Each weighs into the heat.
enum BugSeverity: String, Codable, CaseIterable, Sendable {
    case blocker, critical, major, minor, trivial

    var labelKey: String { "bugs.severity.\(rawValue)" }

    /// A severity a form may leave empty (nil: unchanged or unfiltered).
    static func parseIfGiven(_ raw: String?) throws -> BugSeverity? {
        guard let raw, !raw.isEmpty else { return nil }
        return try parse(raw)
    }

    static func parse(_ raw: String?) throws -> BugSeverity {
        guard let severity = raw.flatMap(BugSeverity.init(rawValue:)) else {
            throw CoreError.invalidField(field: "severity", messageKey: "bugs.invalid.severity")
        }
        return severity
    }
}

/// How often the reporter hits it.
enum BugFrequency: String, Codable, CaseIterable, Sendable {
    case always, often, sometimes, once

    var labelKey: String { "bugs.frequency.\(rawValue)" }
}
