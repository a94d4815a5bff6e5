import SQLKit

/// The counts a build keeps for its four-grid results, taken again from its reports. Filing
/// keeps them current one report at a time; this is for data that arrives in bulk (the demo, an
/// import) and for repairing a build by hand.
enum ReleaseCounts {
    static func recount(_ releaseID: Int, on sql: any SQLDatabase) async throws {
        var ratings: [String] = []
        for rating in 1...5 {
            ratings.append("rating_\(rating) = (SELECT COUNT(*) FROM four_grid_reports WHERE release_id = \(releaseID) AND rating = \(rating))")
        }
        try await sql.raw("""
            UPDATE releases SET report_count = (SELECT COUNT(*) FROM four_grid_reports WHERE release_id = \(bind: releaseID)),
            rating_sum = (SELECT COALESCE(SUM(rating), 0) FROM four_grid_reports WHERE release_id = \(bind: releaseID)),
            \(unsafeRaw: ratings.joined(separator: ", ")) WHERE id = \(bind: releaseID)
            """).run()
        try await sql.raw("""
            UPDATE release_changes SET
            liked_count = (SELECT COUNT(*) FROM four_grid_reports r WHERE r.liked_change_id = release_changes.id),
            weak_count = (SELECT COUNT(*) FROM four_grid_reports r WHERE r.weak_change_id = release_changes.id)
            WHERE release_id = \(bind: releaseID)
            """).run()
        try await sql.raw("DELETE FROM release_anticipations WHERE release_id = \(bind: releaseID)").run()
        try await sql.raw("""
            INSERT INTO release_anticipations (release_id, idea_id, count)
            SELECT release_id, anticipated_idea_id, COUNT(*) FROM four_grid_reports
            WHERE release_id = \(bind: releaseID) AND anticipated_idea_id IS NOT NULL GROUP BY release_id, anticipated_idea_id
            """).run()
    }
}
