import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Stylesheets and scripts come from `Public/`; other paths never reach the file system.
@Suite("Public files")
struct PublicFilesTests {
    @Test func stylesheets_and_scripts_are_served_and_other_paths_are_not_looked_up() async throws {
        try await withTestApp { app in
            let css = try await app.testing().sendRequest(.GET, "/css/app.css")
            #expect(css.status == .ok)
            #expect(css.headers.contentType == .css)
            let escaped = try await app.testing().sendRequest(.GET, "/js/%61pp.js")
            #expect(escaped.status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/css/missing.css").status == .notFound)

            let files = PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory)
            #expect(files.mayServe("/css/app.css") && files.mayServe("/js/app.js") && files.mayServe("/%63ss/app.css"))
            #expect(!files.mayServe("/api/v1/ideas/1/vote") && !files.mayServe("/") && !files.mayServe("/cssx/app.css"))
        }
    }
}
