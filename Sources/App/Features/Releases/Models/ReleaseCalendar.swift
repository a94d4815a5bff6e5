import Fluent
import Foundation

/// A product's release train: how often it runs and when each phase happens in the week,
/// in the community's time zone. One row per product, made with defaults on first use.
final class ReleaseCalendar: Model, @unchecked Sendable {
    static let schema = "release_calendars"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "product_id") var product: Product
    @Field(key: "cadence") var cadence: TrainCadence
    // Weekday 1 (Monday) to 7 (Sunday), and minutes after midnight, of each phase.
    @Field(key: "report_weekday") var reportWeekday: Int
    @Field(key: "report_minute") var reportMinute: Int
    @Field(key: "preview_weekday") var previewWeekday: Int
    @Field(key: "preview_minute") var previewMinute: Int
    @Field(key: "beta_weekday") var betaWeekday: Int
    @Field(key: "beta_minute") var betaMinute: Int
    @Field(key: "release_weekday") var releaseWeekday: Int
    @Field(key: "release_minute") var releaseMinute: Int
    /// How long a four-grid report stays open.
    @Field(key: "report_days") var reportDays: Int
    /// The board where release threads and previews are posted (made on first use).
    @OptionalField(key: "announcement_board_id") var announcementBoardID: Int?
    /// Phases scheduled before this moment never run: a new train does not replay the week.
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(productID: Int, createdAt: Date) {
        self.$product.id = productID
        cadence = .weekly
        reportWeekday = 2
        reportMinute = 10 * 60
        previewWeekday = 3
        previewMinute = 18 * 60
        betaWeekday = 4
        betaMinute = 18 * 60
        releaseWeekday = 5
        releaseMinute = 17 * 60
        reportDays = ReleaseRules.reportDays
        self.createdAt = createdAt
    }

    func slot(of phase: TrainPhase) -> (weekday: Int, minute: Int) {
        switch phase {
        case .report: (reportWeekday, reportMinute)
        case .preview: (previewWeekday, previewMinute)
        case .closedBeta: (betaWeekday, betaMinute)
        case .release: (releaseWeekday, releaseMinute)
        }
    }
}

/// How often a train runs. Bi-weekly, monthly and quarterly trains run in some weeks only
/// (see `TrainSchedule.isTrainWeek`).
enum TrainCadence: String, Codable, CaseIterable, Sendable {
    case weekly
    case biweekly
    case monthly
    case quarterly

    var labelKey: String { "releases.cadence.\(rawValue)" }
}

/// The four steps of a train week (DOMAIN.md §1), in calendar order.
enum TrainPhase: String, Codable, CaseIterable, Sendable {
    /// Tue: the four-grid report opens on last week's build.
    case report
    /// Wed: the preview of what Friday's build brings.
    case preview
    /// Thu: the build goes to the closed beta.
    case closedBeta = "closed_beta"
    /// Fri: the build goes to the weekly ring, with its changelog (Orange Friday).
    case release

    var labelKey: String { "releases.phase.\(rawValue)" }

    /// A phase as a page or the API names it; anything else is a 422 on `phase`.
    static func parse(_ raw: String?) throws -> TrainPhase {
        guard let phase = raw.flatMap(TrainPhase.init(rawValue:)) else {
            throw CoreError.invalidField(field: "phase", messageKey: "releases.invalid.phase")
        }
        return phase
    }
}

/// One run of one phase of one product's train in one week: the lease that makes a phase run
/// once, however many nodes tick and however often they restart.
final class TrainRun: Model, @unchecked Sendable {
    static let schema = "train_runs"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "product_id") var product: Product
    @Field(key: "phase") var phase: TrainPhase
    /// The train week, `yyyy-MM-dd` of its Monday.
    @Field(key: "period") var period: String
    /// `running` while a node holds the lease; `done` after.
    @Field(key: "state") var state: String
    @Field(key: "claimed_at") var claimedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @OptionalField(key: "release_id") var releaseID: Int?
    /// Who triggered it by hand; nil for the scheduler.
    @OptionalField(key: "actor_id") var actorID: Int?

    init() {}
}
