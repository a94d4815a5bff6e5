import Vapor

/// Any error, reduced to what may be shown to a person: status, code, and a localized message.
struct ErrorReport {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let headers: HTTPHeaders

    init(_ error: any Error, for req: Request) {
        let localizer = req.application.localizer
        let locale = req.locale
        switch error {
        case let error as any AppError:
            status = error.status
            code = error.code
            message = localizer.text(error.messageKey, locale, error.messageArguments)
            headers = error.headers
        case let error as DecodingError:
            let described = Self.describe(error)
            status = described.status
            code = described.status == .badRequest ? "malformed_body" : "invalid_field"
            message = localizer.text(described.key, locale, [described.field])
            headers = [:]
        case let error as any AbortError where error.status.code < 500:
            status = error.status
            code = Self.code(for: error.status)
            let key = "error.status.\(error.status.code)"
            let text = localizer.text(key, locale)
            message = text == key ? localizer.text("error.status.other", locale) : text
            headers = error.headers
        default:
            status = .internalServerError
            code = "internal_error"
            message = localizer.text("error.internal", locale)
            headers = [:]
        }
    }

    static func code(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "not_found"
        case .payloadTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .methodNotAllowed: "method_not_allowed"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .tooManyRequests: "too_many_requests"
        case .unprocessableEntity: "invalid_field"
        default: "bad_request"
        }
    }

    /// Broken JSON is a 400; a body that parses but lacks a field or has the wrong type is a 422
    /// that names the field.
    private static func describe(_ error: DecodingError) -> (status: HTTPResponseStatus, key: String, field: String) {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = (codingPath + (last.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return (.unprocessableEntity, "error.field_missing", path(context.codingPath, key))
        case .valueNotFound(_, let context):
            return (.unprocessableEntity, "error.field_missing", path(context.codingPath))
        case .typeMismatch(_, let context):
            return (.unprocessableEntity, "error.field_wrong_type", path(context.codingPath))
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return (.unprocessableEntity, "error.field_wrong_type", path(context.codingPath))
        default:
            return (.badRequest, "error.malformed_body", "")
        }
    }
}
