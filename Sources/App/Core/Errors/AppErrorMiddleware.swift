import Vapor

/// Turns every error into a page in the user's language, or `{"error", "reason"}` under `/api`.
/// 5xx are logged at error level with the real cause; the person sees only a safe message.
struct AppErrorMiddleware: AsyncMiddleware {
    struct APIErrorBody: Content {
        let error: String
        let reason: String
        let field: String?
    }

    struct ErrorPage: Encodable {
        let layout: PageLayout
        let status: Int
        let heading: String
        let message: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await response(for: error, request: request)
        }
    }

    func response(for error: any Error, request: Request) async -> Response {
        let report = ErrorReport(error, for: request)
        if report.status.code >= 500 {
            request.logger.error("\(request.method) \(request.url.path) failed: \(String(reflecting: error))")
        }
        let response: Response
        if request.isAPI {
            response = Response(status: report.status)
            try? response.content.encode(
                APIErrorBody(error: report.code, reason: report.message, field: (error as? CoreError)?.field),
                as: .json)
        } else {
            response = await page(for: report, request: request)
        }
        for (name, value) in report.headers where name.lowercased() == "retry-after" {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        return response
    }

    private func page(for report: ErrorReport, request: Request) async -> Response {
        let key = "error.heading.\(report.status.code)"
        let specific = request.t(key)
        let heading = specific == key ? request.t("error.heading.other") : specific
        let context = ErrorPage(
            layout: request.layout(title: heading), status: Int(report.status.code), heading: heading, message: report.message)
        if let response = try? await request.page("errors/show", context, status: report.status) {
            return response
        }
        // The template itself failed: still answer in the user's language, as plain text.
        let response = Response(status: report.status, body: .init(string: "\(context.heading)\n\(report.message)\n"))
        response.headers.contentType = .plainText
        return response
    }
}

extension Request {
    var isAPI: Bool {
        let path = url.path  // worked out anew (through Foundation) on every call
        return path == "/api" || path.hasPrefix("/api/")
    }
}
