import Vapor

/// The OpenAPI 3.1 description of every route under `/api/v1`, served at `/api/v1/openapi.json`.
/// A test compares it with the registered routes, so it cannot drift from the code.
enum OpenAPIDocument {
    static let basePath = "/api/v1"

    /// Each feature contributes its paths here (relative to `/api/v1`).
    static var featurePaths: [JSONValue] {
        [CoreAPIPaths.paths, AccountsAPIPaths.paths, StandingAPIPaths.paths, PyramidAPIPaths.paths, ForumAPIPaths.paths, IdeasAPIPaths.paths, IdeasAPIPaths.pollPaths, ReleasesAPIPaths.paths, BugsAPIPaths.paths]
    }

    static var featureSchemas: [JSONValue] {
        [CoreAPIPaths.schemas, AccountsAPIPaths.schemas, StandingAPIPaths.schemas, PyramidAPIPaths.schemas, ForumAPIPaths.schemas, IdeasAPIPaths.schemas, ReleasesAPIPaths.schemas, BugsAPIPaths.schemas]
    }

    static func build(config: AppConfig) -> JSONValue {
        let paths = featurePaths.reduce(JSONValue.object([:])) { $0.merging($1) }
        let schemas = featureSchemas.reduce(JSONValue.object([:])) { $0.merging($1) }
        var prefixed: [String: JSONValue] = [:]
        if case .object(let object) = paths {
            for (path, item) in object { prefixed[basePath + path] = item }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Canyu API",
                "version": "1",
                "description": "Canyu (参与): build the product together with its fans. Errors are always {\"error\": code, \"reason\": text in the request's language}.",
            ],
            "servers": [["url": .string(config.baseURL.absoluteString.trimmingSuffix("/"))]],
            "paths": .object(prefixed),
            "components": [
                "schemas": schemas,
                "securitySchemes": ["bearerAuth": ["type": "http", "scheme": "bearer", "description": "A personal access token from POST /api/v1/tokens"]],
            ],
        ]
    }
}

enum CoreAPIPaths {
    static let paths: JSONValue = [
        "/openapi.json": [
            "get": OpenAPI.operation(
                "getOpenAPI", summary: "This document", tag: "meta",
                responses: ["200": OpenAPI.response("The OpenAPI document", ["type": "object"])])
        ]
    ]

    static let schemas: JSONValue = [
        "Error": OpenAPI.object(
            ["error": OpenAPI.string, "reason": OpenAPI.string, "field": OpenAPI.string], required: ["error", "reason"])
    ]
}

struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: document)
    }

    func document(req: Request) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(OpenAPIDocument.build(config: req.application.config))
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
