import Fluent
import Foundation

/// The daily review looks only at members whose standing could have changed since the last run:
/// those who earned credits or checked in, and those whose account just became old enough for a
/// tier's `min_days_joined`.
final class PyramidReviewRun: Model, @unchecked Sendable {
    static let schema = "pyramid_review_runs"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "ran_at") var ranAt: Date
    @Field(key: "reviewed") var reviewed: Int
    @Field(key: "promoted") var promoted: Int
    @Field(key: "queued") var queued: Int

    init() {}

    init(ranAt: Date, reviewed: Int, promoted: Int, queued: Int) {
        self.ranAt = ranAt
        self.reviewed = reviewed
        self.promoted = promoted
        self.queued = queued
    }
}

struct CreatePyramidReviewRun: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PyramidReviewRun.schema)
            .field("id", .int, .identifier(auto: true))
            .field("ran_at", .datetime, .required)
            .field("reviewed", .int, .required)
            .field("promoted", .int, .required)
            .field("queued", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PyramidReviewRun.schema).delete()
    }
}

extension PyramidService {
    /// Reviews the members whose standing may have changed since the previous run (everyone on
    /// the first run), and records the run.
    func reviewChanged() async throws -> (reviewed: Int, report: ReviewReport) {
        let now = clock.now()
        guard let last = try await PyramidReviewRun.query(on: db).sort(\.$ranAt, .descending).first()?.ranAt else {
            let report = try await reviewEveryone()
            try await PyramidReviewRun(ranAt: now, reviewed: try await User.query(on: db).count(), promoted: report.promoted.count, queued: report.queued.count).create(on: db)
            return (try await User.query(on: db).count(), report)
        }
        var ids = Set(try await CreditEntry.query(on: db).filter(\.$createdAt >= last).unique().all(\.$user.$id))
        ids.formUnion(try await CheckIn.query(on: db).filter(\.$createdAt >= last).unique().all(\.$user.$id))
        for days in Set(try await TierRule.query(on: db).all(\.$minDaysJoined)) where days > 0 {
            let age = Double(days) * 86_400
            ids.formUnion(
                try await User.query(on: db)
                    .filter(\.$createdAt >= last.addingTimeInterval(-age)).filter(\.$createdAt < now.addingTimeInterval(-age))
                    .all(\.$id).compactMap { $0 })
        }
        let report = try await review(ids.sorted())
        try await PyramidReviewRun(ranAt: now, reviewed: ids.count, promoted: report.promoted.count, queued: report.queued.count).create(on: db)
        return (ids.count, report)
    }
}
