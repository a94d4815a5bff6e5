import Prometheus
import Vapor

/// Request counts and latency by route and status, in one registry per application (so tests,
/// which build many applications in one process, never share or re-bootstrap a global).
final class RequestMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    func record(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(
            name: "canyu_http_requests_total",
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            name: "canyu_http_request_duration_seconds",
            labels: [("method", method), ("route", route)],
            buckets: Self.buckets
        ).record(duration)
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = RequestMetrics }

    var requestMetrics: RequestMetrics {
        if let metrics = storage[MetricsKey.self] { return metrics }
        let metrics = RequestMetrics()
        storage[MetricsKey.self] = metrics
        return metrics
    }
}

/// Outermost middleware: sees the final status of every request, errors included.
struct RequestMetricsMiddleware: AsyncMiddleware {
    let metrics: RequestMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        // The route's pattern, not the raw path, keeps the label set small; unmatched paths share one.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.record(
            method: request.method.rawValue, route: route, status: response.status.code,
            duration: ContinuousClock.now - start)
        return response
    }
}
