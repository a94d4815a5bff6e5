import Fluent
import Foundation
import Vapor

/// Atom feeds (RFC 4287) of published builds, per product and of all products, each entry with
/// its changelog as HTML, for feed readers and for anyone following the train.
enum ReleaseFeed {
    @Sendable static func all(req: Request) async throws -> Response {
        let service = ReleasesService(req)
        let products = Dictionary(uniqueKeysWithValues: try await service.ideas.products().compactMap { product in product.id.map { ($0, product) } })
        return try await feed(
            req, title: req.t("releases.feed.all_title"), path: SiteURL.releasesFeed.path, page: SiteURL.releases.path,
            releases: try await service.publicReleases(of: nil), products: products)
    }

    @Sendable static func product(req: Request) async throws -> Response {
        let service = ReleasesService(req)
        let product = try await service.product(slug: req.parameters.get("slug") ?? "")
        return try await feed(
            req, title: req.t("releases.feed.product_title", product.name(req.locale)), path: SiteURL.productReleasesFeed(product.slug).path,
            page: SiteURL.productReleases(product.slug).path, releases: try await service.publicReleases(of: product.requireID()),
            products: [try product.requireID(): product])
    }

    private static func feed(_ req: Request, title: String, path: String, page: String, releases: [Release], products: [Int: Product]) async throws -> Response {
        let base = req.application.config.baseURL.absoluteString.trimmingSuffix("/")
        let service = ReleasesService(req)
        let updated = releases.compactMap(\.weeklyAt).max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(escape(title))</title>
            <id>\(escape(base + path))</id>
            <link rel="self" type="application/atom+xml" href="\(escape(base + path))"/>
            <link rel="alternate" type="text/html" href="\(escape(base + page))"/>
            <updated>\(DateDisplay.iso(updated))</updated>
            <generator>Canyu</generator>

            """
        for release in releases {
            guard let id = release.id, let product = products[release.$product.id] else { continue }
            let changes = try await service.changes(of: id)
            let credited = try await service.credits(of: changes)
            let url = base + SiteURL.release(.value(id)).path
            let published = release.weeklyAt ?? release.createdAt
            xml += """
                <entry>
                <title>\(escape("\(product.name(req.locale)) \(release.version)"))</title>
                <id>\(escape(url))</id>
                <link rel="alternate" type="text/html" href="\(escape(url))"/>
                <published>\(DateDisplay.iso(published))</published>
                <updated>\(DateDisplay.iso(release.stableAt ?? published))</updated>
                <author><name>\(escape(product.name(req.locale)))</name></author>
                <category term="\(release.ring.rawValue)" label="\(escape(req.t(release.ring.labelKey)))"/>
                <content type="html">\(escape(html(release, changes: changes, credited: credited, on: req)))</content>
                </entry>

                """
        }
        xml += "</feed>\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: xml))
    }

    private static func html(_ release: Release, changes: [ReleaseChange], credited: [Int: User], on req: Request) -> String {
        var html = release.notesHTML
        html += "<h3>\(escape(req.t("releases.changelog")))</h3><ul>"
        for change in changes {
            html += "<li><strong>\(escape(change.title))</strong> (\(escape(change.team)))"
            if change.halfFinished { html += " [\(escape(req.t("releases.half_finished")))]" }
            if !change.description.isEmpty { html += ": \(escape(change.description))" }
            if let user = change.id.flatMap({ credited[$0] }) { html += " · \(escape(req.t("releases.credited", user.name)))" }
            html += "</li>"
        }
        return html + "</ul>"
    }

    /// XML text and attribute escaping.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Characters XML 1.0 does not allow are dropped.
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
