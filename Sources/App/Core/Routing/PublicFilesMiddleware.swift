import Foundation
import Vapor

/// Serves the files under `Public/` (stylesheets, scripts) with Vapor's `FileMiddleware`, but
/// only asks it about paths under one of that folder's own entries. `FileMiddleware` decodes
/// every request's path and asks the file system whether such a file exists; for an API call or
/// a page that is a `stat` and two string copies per request for nothing.
struct PublicFilesMiddleware: AsyncMiddleware {
    private let files: FileMiddleware
    /// The names directly inside `Public/`, read once at boot.
    private let entries: Set<String>

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
        entries = Set((try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? [])
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard mayServe(request.url.path) else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }

    /// Whether the path's first segment names an entry of `Public/`. A path with
    /// percent-escapes is left to `FileMiddleware`, which decodes it.
    func mayServe(_ path: String) -> Bool {
        guard !path.contains("%") else { return true }
        let first = path.drop { $0 == "/" }.prefix { $0 != "/" }
        return entries.contains(String(first))
    }
}
