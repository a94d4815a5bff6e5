import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("The OpenAPI document")
struct OpenAPITests {
    /// Every route under /api/v1 is in the document and the document lists nothing else.
    @Test func the_document_matches_the_registered_routes() async throws {
        try await withTestApp { app in
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let parts = route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }
                guard parts.starts(with: ["api", "v1"]) else { return nil }
                return "\(route.method.rawValue.lowercased()) /" + parts.joined(separator: "/")
            })
            let response = try await app.api(.GET, "/openapi.json")
            #expect(response.status == .ok)
            let document = response.json
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
            #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented but not routed: \(documented.subtracting(registered).sorted())")
        }
    }

    @Test func every_schema_reference_resolves() async throws {
        try await withTestApp { app in
            let text = try await app.api(.GET, "/openapi.json").body.string
            let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let regex = try NSRegularExpression(pattern: ##""#/components/schemas/([A-Za-z]+)""##)
            let refs = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas[ref] != nil, "unresolved $ref \(ref)") }
        }
    }
}
