import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Health and metrics")
struct HealthTests {
    @Test func healthz_checks_the_database() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(response.status == .ok)
            #expect(response.body.string == "ok\n")
        }
    }

    @Test func metrics_count_requests_by_route_and_status() async throws {
        try await withTestApp { app in
            _ = try await app.testing().sendRequest(.GET, "/ping")
            _ = try await app.testing().sendRequest(.GET, "/u/12345")
            _ = try await app.testing().sendRequest(.GET, "/nowhere")
            let text = try await app.testing().sendRequest(.GET, "/metrics").body.string
            #expect(text.contains(#"canyu_http_requests_total{method="GET",route="/ping",status="200"} 1"#))
            #expect(text.contains(#"canyu_http_requests_total{method="GET",route="/u/:id",status="404"} 1"#))
            #expect(text.contains(#"route="unmatched",status="404""#))
            #expect(text.contains("canyu_http_request_duration_seconds_bucket"))
            #expect(text.contains("canyu_database_up"))
        }
    }
}
