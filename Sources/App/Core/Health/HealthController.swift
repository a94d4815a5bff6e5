import Fluent
import SQLKit
import Vapor

/// `/healthz` for load balancers, `/metrics` for Prometheus, `/ping` as the framework's floor.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.healthz, use: healthz)
        routes.get(.metrics, use: metrics)
        routes.get(.ping, use: ping)
    }

    func healthz(req: Request) async throws -> Response {
        let probe = await DatabaseProbe.run(req.db)
        let status: HTTPStatus = probe.ok ? .ok : .serviceUnavailable
        let body = probe.ok ? "ok\n" : "database unavailable\n"
        return Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"], body: .init(string: body))
    }

    func metrics(req: Request) async throws -> Response {
        let probe = await DatabaseProbe.run(req.db)
        var buffer: [UInt8] = []
        req.application.requestMetrics.registry.emit(into: &buffer)
        var text = String(decoding: buffer, as: UTF8.self)
        let config = req.application.config
        let engine = if case .postgres = config.storage { "postgres" } else { "sqlite" }
        text += """
            # TYPE canyu_database_up gauge
            canyu_database_up{engine="\(engine)"} \(probe.ok ? 1 : 0)
            # TYPE canyu_database_ping_seconds gauge
            canyu_database_ping_seconds{engine="\(engine)"} \(probe.seconds)
            # TYPE canyu_database_pool_max_connections gauge
            canyu_database_pool_max_connections{engine="\(engine)"} \(DatabaseSetup.maxConnections(config, on: req.application))

            """
        return Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: .init(string: text))
    }

    func ping(req: Request) -> String {
        "pong"
    }
}

enum DatabaseProbe {
    struct Result {
        let ok: Bool
        let seconds: Double
        let error: (any Error)?
    }

    static func run(_ db: any Database) async -> Result {
        let start = ContinuousClock.now
        do {
            guard let sql = db as? any SQLDatabase else { return Result(ok: false, seconds: 0, error: nil) }
            try await sql.raw("SELECT 1").run()
            let elapsed = ContinuousClock.now - start
            return Result(ok: true, seconds: Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds), error: nil)
        } catch {
            return Result(ok: false, seconds: 0, error: error)
        }
    }
}
