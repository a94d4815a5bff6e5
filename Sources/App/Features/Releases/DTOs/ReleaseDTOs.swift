import Foundation
import Vapor

struct ReleaseChangeDTO: Content {
    let id: Int
    let position: Int
    let title: String
    let description: String
    let module: String?
    let team: String
    let idea_id: Int?
    let idea_url: String?
    let credited: IdeaAuthorDTO?
    let half_finished: Bool
    let feedback_url: String?
    let liked: Int
    let not_good_enough: Int

    init(_ change: ReleaseChange, module: ProductModule?, credited: User?) {
        id = change.id ?? 0
        position = change.position
        title = change.title
        description = change.description
        self.module = module?.key
        team = change.team
        idea_id = change.$idea.id
        idea_url = change.$idea.id.map { SiteURL.idea(.value($0)).path }
        self.credited = credited.map { IdeaAuthorDTO(id: $0.id ?? 0, name: $0.name) }
        half_finished = change.halfFinished
        feedback_url = change.feedbackThreadID.map { SiteURL.thread(.value($0)).path }
        liked = change.likedCount
        not_good_enough = change.weakCount
    }
}

struct RolloutDTO: Content {
    let percent: Int
    let paused: Bool
    let step: Int
    let next_step_at: Date?
}

struct ReportWindowDTO: Content {
    let open: Bool
    let opens_at: Date?
    let closes_at: Date?
    let reports: Int
    let average_rating: Double?
}

struct ReleaseDTO: Content {
    let id: Int
    let product_id: Int
    let version: String
    let ring: String
    let notes: String
    let notes_html: String
    let download_url: String?
    /// Whether the caller is in the build's ring: only then are its notes and download given.
    let in_your_ring: Bool
    let created_at: Date
    let weekly_at: Date?
    let stable_at: Date?
    let rollout: RolloutDTO?
    let report: ReportWindowDTO
    let popcorn_change_id: Int?
    let thread_url: String?
    let preview_url: String?
    let changes: [ReleaseChangeDTO]
    let url: String

    init(_ release: Release, changes: [ReleaseChangeDTO], inRing: Bool, now: Date) {
        id = release.id ?? 0
        product_id = release.$product.id
        version = release.version
        ring = release.ring.rawValue
        notes = inRing ? release.notes : ""
        notes_html = inRing ? release.notesHTML : ""
        download_url = inRing && !release.downloadURL.isEmpty ? release.downloadURL : nil
        in_your_ring = inRing
        created_at = release.createdAt
        weekly_at = release.weeklyAt
        stable_at = release.stableAt
        rollout = release.ring == .stable
            ? RolloutDTO(percent: release.rolloutPercent, paused: release.rolloutPaused, step: release.rolloutStep, next_step_at: release.rolloutNextAt) : nil
        report = ReportWindowDTO(
            open: release.reportIsOpen(at: now), opens_at: release.reportOpensAt, closes_at: release.reportClosesAt, reports: release.reportCount,
            average_rating: release.averageRating)
        popcorn_change_id = release.popcornChangeID
        thread_url = release.threadID.map { SiteURL.thread(.value($0)).path }
        preview_url = release.previewThreadID.map { SiteURL.thread(.value($0)).path }
        self.changes = changes
        url = SiteURL.release(.value(release.id ?? 0)).path
    }
}

struct FourGridReportDTO: Content {
    let release_id: Int
    let liked_change_id: Int
    let weak_change_id: Int
    let anticipated_idea_id: Int?
    let anticipated_text: String
    let rating: Int
    let created_at: Date
    let updated_at: Date

    init(_ report: FourGridReport) {
        release_id = report.$release.id
        liked_change_id = report.likedChangeID
        weak_change_id = report.weakChangeID
        anticipated_idea_id = report.anticipatedIdeaID
        anticipated_text = report.anticipatedText
        rating = report.rating
        created_at = report.createdAt
        updated_at = report.updatedAt
    }
}

struct ReportSummaryDTO: Content {
    struct Change: Content {
        let id: Int
        let title: String
        let team: String
        let liked: Int
        let not_good_enough: Int
    }

    struct Anticipated: Content {
        let idea_id: Int
        let title: String
        let count: Int
    }

    struct Trend: Content {
        let release_id: Int
        let version: String
        let average_rating: Double
    }

    let release_id: Int
    let version: String
    let open: Bool
    let closes_at: Date?
    let reports: Int
    let average_rating: Double?
    /// Reports per rating, 1 to 5.
    let ratings: [Int]
    let changes: [Change]
    let anticipated: [Anticipated]
    let free_text_anticipations: Int
    let trend: [Trend]
    let popcorn_change_id: Int?

    init(_ results: ReleasesService.Results, now: Date) {
        let release = results.release
        release_id = release.id ?? 0
        version = release.version
        open = release.reportIsOpen(at: now)
        closes_at = release.reportClosesAt
        reports = release.reportCount
        average_rating = release.averageRating
        ratings = release.ratings
        changes = results.changes.map { Change(id: $0.id ?? 0, title: $0.title, team: $0.team, liked: $0.likedCount, not_good_enough: $0.weakCount) }
        anticipated = results.anticipated.map { Anticipated(idea_id: $0.ideaID, title: $0.title, count: $0.count) }
        free_text_anticipations = results.freeTextAnticipations
        trend = results.trend.map { Trend(release_id: $0.releaseID, version: $0.version, average_rating: $0.average) }
        popcorn_change_id = release.popcornChangeID
    }
}

struct TrainCalendarDTO: Content {
    struct Phase: Content {
        let phase: String
        let weekday: Int
        let time: String
        let at: Date
        let state: String
        let release_id: Int?
    }

    let product_id: Int
    let cadence: String
    let report_days: Int
    let time_zone: String
    let train_week: Bool
    let next_train_week: Date?
    let phases: [Phase]

    init(_ status: ReleaseTrain.Status, timeZone: TimeZone) {
        let calendar = status.calendar
        product_id = calendar.$product.id
        cadence = calendar.cadence.rawValue
        report_days = calendar.reportDays
        time_zone = timeZone.identifier
        train_week = status.trainWeek
        next_train_week = status.next
        phases = status.phases.map { state in
            let slot = calendar.slot(of: state.phase)
            return Phase(
                phase: state.phase.rawValue, weekday: slot.weekday, time: ReleasesService.clockTime(slot.minute), at: state.at,
                state: state.run?.state ?? "scheduled", release_id: state.run?.releaseID)
        }
    }
}
