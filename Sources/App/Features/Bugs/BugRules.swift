import Foundation

/// The bug tracker's numbers and the rules it registers with standing (DOMAIN.md §2). The
/// crowd-confirmation and verification thresholds are the defaults of `CANYU_BUG_*` settings.
enum BugRules {
    static let titleLength = 4...120
    static let textMax = 5_000
    static let deviceLength = 0...80
    static let noteMax = 1_000
    static let pageSize = 20
    static let similarLimit = 5
    static let screenshotsMax = 4
    static let logMaxBytes = 20 * 1024 * 1024
    static let bulkMax = 100
    /// A list filtered by minimum heat counts its bugs up to here.
    static let countCap = 10_000

    /// Distinct "me too"s that confirm a new bug, from accounts at least `confirmAccountDays` old.
    static let confirmMeToos = 5
    static let confirmAccountDays = 7
    /// Verifications of a fix that mark it verified.
    static let verificationsNeeded = 3

    static var creditRules: [CreditRule] {
        [
            CreditRule(action: CreditAction.bugReported, amount: 2, cycle: .daily, maxPerCycle: 5),
            CreditRule(action: CreditAction.bugConfirmed, amount: 5, cycle: .unlimited),
            CreditRule(action: CreditAction.bugFixed, amount: 10, cycle: .unlimited),
            CreditRule(action: CreditAction.bugVerified, amount: 1, cycle: .unlimited),
        ]
    }
}

/// The thresholds one community runs with (`AppConfig.bugs`).
public struct BugThresholds: Sendable, Equatable {
    public var confirmMeToos = BugRules.confirmMeToos
    public var confirmAccountDays = BugRules.confirmAccountDays
    public var verificationsNeeded = BugRules.verificationsNeeded

    public init() {}
}

/// A bug's heat, after Launchpad's: points for those it affects (the reporter and every "me
/// too", 4 each), its duplicates (6 each), its followers (2 each) and its severity, halved for
/// every 30 days without a new "me too", duplicate or report.
///
/// Lists sort by `rank`, the base-2 logarithm of the points plus the months since 1970 of the
/// last activity: at any moment it orders bugs exactly as their decayed heat does, and it never
/// needs recomputing as time passes.
struct BugHeat: Sendable, Equatable {
    static let perAffected = 4
    static let perDuplicate = 6
    static let perFollower = 2
    static let halfLifeDays = 30.0

    static func severityPoints(_ severity: BugSeverity?) -> Int {
        switch severity {
        case .blocker: 40
        case .critical: 25
        case .major: 12
        case .minor: 4
        case .trivial: 1
        case nil: 8
        }
    }

    let affected: Int
    let duplicates: Int
    let followers: Int
    let severity: Int
    /// 1 when active today, ½ after 30 quiet days.
    let recency: Double

    init(meToos: Int, duplicates: Int, followers: Int, severity: BugSeverity?, activeAt: Date, now: Date) {
        affected = (meToos + 1) * Self.perAffected
        self.duplicates = duplicates * Self.perDuplicate
        self.followers = followers * Self.perFollower
        self.severity = Self.severityPoints(severity)
        recency = pow(0.5, max(0, now.timeIntervalSince(activeAt)) / (Self.halfLifeDays * 86_400))
    }

    var points: Int { affected + duplicates + followers + severity }
    var score: Int { Int((Double(points) * recency).rounded()) }

    static func rank(meToos: Int, duplicates: Int, followers: Int, severity: BugSeverity?, activeAt: Date) -> Double {
        let points = (meToos + 1) * perAffected + duplicates * perDuplicate + followers * perFollower + severityPoints(severity)
        // Rounded so that SQLite and PostgreSQL store and compare the same value.
        return ((log2(Double(max(points, 1))) + activeAt.timeIntervalSince1970 / (halfLifeDays * 86_400)) * 1e7).rounded() / 1e7
    }

    /// The rank a bug needs now to have at least `heat`: a "minimum heat" filter, read from the index.
    static func rank(atLeast heat: Int, now: Date) -> Double {
        log2(Double(max(heat, 1))) + now.timeIntervalSince1970 / (halfLifeDays * 86_400)
    }
}
