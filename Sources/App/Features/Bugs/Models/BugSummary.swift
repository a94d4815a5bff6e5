import Foundation
import SQLKit

/// What a list shows of a bug, read straight from SQL: a list page reads twenty a request, and
/// decoding them as Fluent models cost a third of its time.
struct BugSummary: Sendable {
    let id: Int
    let productID: Int
    let moduleID: Int?
    let releaseID: Int?
    let title: String
    let frequency: BugFrequency
    let status: BugStatus
    let severity: BugSeverity?
    let duplicateOfID: Int?
    let fixedInReleaseID: Int?
    let reporterID: Int
    let meTooCount: Int
    let duplicateCount: Int
    let followerCount: Int
    let verifiedCount: Int
    let createdAt: Date
    let statusChangedAt: Date
    let activeAt: Date

    static let columns = """
        id, product_id, module_id, release_id, title, frequency, status, severity, duplicate_of_id, fixed_in_release_id, reporter_id, me_too_count, \
        duplicate_count, follower_count, verified_count, created_at, status_changed_at, active_at
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        productID = try row.decode(column: "product_id", as: Int.self)
        moduleID = try row.decode(column: "module_id", as: Int?.self)
        releaseID = try row.decode(column: "release_id", as: Int?.self)
        title = try row.decode(column: "title", as: String.self)
        // Enums as their text (decoded directly), then by raw value.
        frequency = try Self.value(row, "frequency")
        status = try Self.value(row, "status")
        severity = try row.decode(column: "severity", as: String?.self).map { try Self.parse($0, "severity") }
        duplicateOfID = try row.decode(column: "duplicate_of_id", as: Int?.self)
        fixedInReleaseID = try row.decode(column: "fixed_in_release_id", as: Int?.self)
        reporterID = try row.decode(column: "reporter_id", as: Int.self)
        meTooCount = try row.decode(column: "me_too_count", as: Int.self)
        duplicateCount = try row.decode(column: "duplicate_count", as: Int.self)
        followerCount = try row.decode(column: "follower_count", as: Int.self)
        verifiedCount = try row.decode(column: "verified_count", as: Int.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        statusChangedAt = try row.decode(column: "status_changed_at", as: Date.self)
        activeAt = try row.decode(column: "active_at", as: Date.self)
    }

    private static func value<E: RawRepresentable>(_ row: any SQLRow, _ column: String) throws -> E where E.RawValue == String {
        try parse(try row.decode(column: column, as: String.self), column)
    }

    private static func parse<E: RawRepresentable>(_ raw: String, _ column: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column): unknown value \(raw)"))
        }
        return value
    }

    init(_ bug: Bug) {
        id = bug.id ?? 0
        productID = bug.$product.id
        moduleID = bug.$module.id
        releaseID = bug.releaseID
        title = bug.title
        frequency = bug.frequency
        status = bug.status
        severity = bug.severity
        duplicateOfID = bug.$duplicateOf.id
        fixedInReleaseID = bug.fixedInReleaseID
        reporterID = bug.$reporter.id
        meTooCount = bug.meTooCount
        duplicateCount = bug.duplicateCount
        followerCount = bug.followerCount
        verifiedCount = bug.verifiedCount
        createdAt = bug.createdAt
        statusChangedAt = bug.statusChangedAt
        activeAt = bug.activeAt
    }

    /// Its heat now, by parts (see `BugHeat`).
    func heat(at now: Date) -> BugHeat {
        BugHeat(meToos: meTooCount, duplicates: duplicateCount, followers: followerCount, severity: severity, activeAt: activeAt, now: now)
    }
}
