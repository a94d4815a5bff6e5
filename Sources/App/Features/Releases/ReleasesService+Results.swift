import Fluent
import Foundation
import SQLKit

extension ReleasesService {
    struct Anticipated: Sendable {
        let ideaID: Int
        let title: String
        let count: Int
    }

    struct TrendPoint: Sendable {
        let releaseID: Int
        let version: String
        let average: Double
    }

    struct Results: Sendable {
        let release: Release
        let changes: [ReleaseChange]
        let anticipated: [Anticipated]
        /// Reports that named no open idea but wrote what they want.
        let freeTextAnticipations: Int
        let trend: [TrendPoint]
    }

    /// A build's four-grid results, read from the counts kept at submission (no report scan):
    /// per change, the ten most anticipated ideas, the ratings, and the average over the last
    /// `trendBuilds` builds.
    func results(of release: Release) async throws -> Results {
        let releaseID = try release.requireID()
        let anticipated = try await sql.raw("""
            SELECT a.idea_id, a.count, i.title FROM release_anticipations a JOIN ideas i ON i.id = a.idea_id
            WHERE a.release_id = \(bind: releaseID) AND a.count > 0 ORDER BY a.count DESC, a.idea_id LIMIT 10
            """).all().map {
                Anticipated(ideaID: try $0.decode(column: "idea_id", as: Int.self), title: try $0.decode(column: "title", as: String.self), count: try $0.decode(column: "count", as: Int.self))
            }
        let named = anticipated.isEmpty ? 0 : try await sql.raw("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) AS n FROM release_anticipations WHERE release_id = \(bind: releaseID)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        return Results(
            release: release, changes: try await changes(of: releaseID), anticipated: anticipated,
            freeTextAnticipations: max(0, release.reportCount - named), trend: try await trend(of: release.$product.id, upTo: release))
    }

    /// The average rating of the product's last published builds up to this one, oldest first.
    /// Plain SQL: a dozen full build models per view cost more than the rest of the page.
    func trend(of productID: Int, upTo release: Release) async throws -> [TrendPoint] {
        guard let until = release.weeklyAt else { return [] }
        let rows = try await sql.raw("""
            SELECT id, version, report_count, rating_sum FROM releases
            WHERE product_id = \(bind: productID) AND weekly_at IS NOT NULL AND weekly_at <= \(bind: until) AND report_count > 0
            ORDER BY weekly_at DESC, id DESC LIMIT \(bind: ReleaseRules.trendBuilds)
            """).all()
        return try rows.reversed().map { row in
            let count = try row.decode(column: "report_count", as: Int.self)
            return TrendPoint(
                releaseID: try row.decode(column: "id", as: Int.self), version: try row.decode(column: "version", as: String.self),
                average: Double(try row.decode(column: "rating_sum", as: Int.self)) / Double(max(count, 1)))
        }
    }

    // MARK: Teams

    struct TeamChange: Sendable {
        let change: ReleaseChange
        let release: Release
    }

    struct TeamPage: Sendable {
        let team: String
        let liked: Int
        let weak: Int
        let popcorn: [TeamChange]
        /// Changes fans found not good enough, most named first: the team's work list.
        let workList: [TeamChange]
        let recent: [TeamChange]
    }

    /// A team's changes across a product's builds. The work list is for the team and staff only.
    func team(_ name: String, of productID: Int, includingWorkList: Bool) async throws -> TeamPage {
        let releases = try await Release.query(on: db).filter(\.$product.$id == productID).filter(\.$weeklyAt != nil).all()
        let byID = Dictionary(uniqueKeysWithValues: releases.compactMap { release in release.id.map { ($0, release) } })
        guard !byID.isEmpty else { return TeamPage(team: name, liked: 0, weak: 0, popcorn: [], workList: [], recent: []) }
        let changes = try await ReleaseChange.query(on: db).filter(\.$team == name).filter(\.$release.$id ~~ Array(byID.keys)).all()
        let rows = changes.compactMap { change in byID[change.$release.id].map { TeamChange(change: change, release: $0) } }
        let popcorn = rows.filter { $0.release.popcornChangeID == $0.change.id }
        let work = includingWorkList ? rows.filter { $0.change.weakCount > 0 }.sorted { $0.change.weakCount > $1.change.weakCount }.prefix(20).map { $0 } : []
        let recent = rows.sorted { ($0.release.weeklyAt ?? .distantPast, $0.change.position) > ($1.release.weeklyAt ?? .distantPast, $1.change.position) }
        return TeamPage(
            team: name, liked: rows.reduce(0) { $0 + $1.change.likedCount }, weak: rows.reduce(0) { $0 + $1.change.weakCount },
            popcorn: popcorn, workList: work, recent: Array(recent.prefix(30)))
    }

    /// The titles of the changes that won these builds' Popcorn Awards, by change id: one query
    /// for a whole list of builds.
    func popcornTitles(of releases: [Release]) async throws -> [Int: String] {
        let ids = releases.compactMap(\.popcornChangeID)
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await ReleaseChange.query(on: db).filter(\.$id ~~ ids).all().compactMap { change in
            change.id.map { ($0, change.title) }
        })
    }

    /// The product's most recent Popcorn Award, for its page.
    func latestPopcorn(of productID: Int) async throws -> TeamChange? {
        guard let release = try await Release.query(on: db).filter(\.$product.$id == productID).filter(\.$popcornChangeID != nil)
            .sort(\.$reportClosedAt, .descending).first(),
            let changeID = release.popcornChangeID, let change = try await ReleaseChange.find(changeID, on: db)
        else { return nil }
        return TeamChange(change: change, release: release)
    }

    /// The team may see its own work list, and so may staff.
    func mayReadWorkList(of team: String, product productID: Int, viewer: User?) async throws -> Bool {
        guard let viewer, let viewerID = viewer.id else { return false }
        if IdeasPolicy.canManageProducts(viewer) { return true }
        return try await ProductMember.query(on: db).filter(\.$product.$id == productID).filter(\.$user.$id == viewerID).filter(\.$team == team).count() > 0
    }
}
