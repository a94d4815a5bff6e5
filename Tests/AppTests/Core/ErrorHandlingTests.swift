import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Bad input gets a clear answer, never a 500")
struct ErrorHandlingTests {
    @Test func unknown_pages_get_a_404_page_in_the_users_language() async throws {
        try await withTestApp { app in
            let zh = try await Browser(app, acceptLanguage: "zh-CN").get("/no/such/page")
            #expect(zh.status == .notFound)
            #expect(zh.headers.contentType?.subType == "html")
            #expect(zh.body.string.contains("页面不存在"))
            let en = try await Browser(app, acceptLanguage: "en").get("/no/such/page")
            #expect(en.body.string.contains("Page not found"))
        }
    }

    @Test func unknown_api_routes_get_json_404() async throws {
        try await withTestApp { app in
            let response = try await app.api(.GET, "/no-such-thing")
            #expect(response.status == .notFound)
            #expect(response.apiError?.error == "not_found")
            #expect(try await app.api(.GET, "/users/abc").status == .notFound)
            #expect(try await app.api(.GET, "/users/99999999999999999999999").status == .notFound)
        }
    }

    @Test func malformed_json_is_400_with_a_reason() async throws {
        try await withTestApp { app in
            let response = try await app.api(.POST, "/users", json: #"{"email": "a@example.com", "#, headers: ["Accept-Language": "en"])
            #expect(response.status == .badRequest)
            #expect(response.apiError?.error == "malformed_body")
            #expect(response.apiError?.reason.isEmpty == false)
        }
    }

    @Test func a_body_over_the_limit_is_413() async throws {
        try await withTestApp({ $0.maxBodyBytes = 4096 }) { app in
            // The limit is enforced while the server reads the body, so this needs a real server.
            try await withRunningServer(app) { base in
                let huge = #"{"email":"a@example.com","name":"Alpha","bio":""# + String(repeating: "x", count: 8000) + #""}"#
                let response = try await app.client.post(URI(string: base + "/api/v1/users")) { req in
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: huge)
                }
                #expect(response.status == .payloadTooLarge)
                #expect((try? response.content.get(String.self, at: "error")) == "payload_too_large")
            }
        }
    }

    @Test func the_wrong_content_type_is_415() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(
                .POST, "/api/v1/users", headers: ["Content-Type": "application/xml"], body: ByteBuffer(string: "<user/>"))
            #expect(response.status == .unsupportedMediaType)
            #expect(response.apiError?.error == "unsupported_media_type")
        }
    }

    @Test func pages_carry_security_headers() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).get("/")
            #expect(response.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
        }
    }
}
