import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// A product with a published build (and the releases fixture's fan and staff), a bug the fan
/// reported on it, and a way to make members old enough for the crowd confirmation.
struct BugFixture {
    let releases: ReleaseFixture
    let bug: App.Bug

    var staff: User { releases.staff }
    var fan: User { releases.fan }
    var product: Product { releases.product }
    var buildID: Int { releases.releaseID }
    var bugID: Int { bug.id ?? 0 }

    static func make(_ app: Application) async throws -> BugFixture {
        let releases = try await ReleaseFixture.make(app)
        try await releases.publish(app)
        let bug = try await app.bugs.file(
            in: releases.product,
            .init(title: "相机夜景模式闪退", moduleKey: "camera", releaseID: releases.releaseID, deviceModel: "Aurora 14 Pro", steps: "打开相机，切到夜景，按快门",
                  expected: "出片", actual: "闪退", frequency: "always"),
            by: releases.fan)
        return BugFixture(releases: releases, bug: bug)
    }
}

extension Application {
    var bugs: BugsService { BugsService(self) }

    /// The list tallies' rows that differ from a count of the bugs themselves (none when exact).
    func tallyMismatches() async throws -> Int {
        let sql = db as! any SQLDatabase
        let kept = try await sql.raw("SELECT product_id, status, module_id, severity, release_id, count FROM bug_tallies WHERE count <> 0").all()
        let counted = try await sql.raw("""
            SELECT product_id, status, COALESCE(module_id, 0) AS module_id, COALESCE(severity, '') AS severity, COALESCE(release_id, 0) AS release_id,
            COUNT(*) AS count FROM bugs GROUP BY product_id, status, COALESCE(module_id, 0), COALESCE(severity, ''), COALESCE(release_id, 0)
            UNION ALL
            SELECT product_id, status, COALESCE(module_id, 0) AS module_id, COALESCE(severity, '') AS severity, -1 AS release_id,
            COUNT(*) AS count FROM bugs GROUP BY product_id, status, COALESCE(module_id, 0), COALESCE(severity, '')
            """).all()
        func rows(_ all: [any SQLRow]) throws -> [String: Int] {
            try all.reduce(into: [:]) { result, row in
                let key = try BugTallies.key(row)
                result["\(key)"] = try row.decode(column: "count", as: Int.self)
            }
        }
        let (a, b) = (try rows(kept), try rows(counted))
        return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.count
    }

    /// Members whose accounts are `days` old by the fixed clock (the clock moves forward).
    func makeSeasonedMembers(_ count: Int, prefix: String, days: Int = 8) async throws -> [User] {
        let members = try await makeMembers(count, prefix: prefix)
        fixedClock.advance(by: Double(days) * 86_400)
        return members
    }
}
