import Vapor

/// An error a person can act on: an HTTP status, a stable code for API clients, and a message
/// looked up in the locale files, so pages and `{"error", "reason"}` bodies speak the user's language.
public protocol AppError: AbortError {
    var code: String { get }
    var messageKey: String { get }
    var messageArguments: [String] { get }
}

extension AppError {
    public var messageArguments: [String] { [] }
    public var reason: String { messageKey }
}

/// Errors every feature can meet.
public enum CoreError: AppError, Equatable {
    case notFound
    case unauthorized
    case forbidden
    case csrfRejected
    case malformedBody
    /// A field is missing, has the wrong type or breaks a rule; `messageKey` says which rule.
    case invalidField(field: String, messageKey: String, arguments: [String] = [])

    public var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .forbidden, .csrfRejected: .forbidden
        case .malformedBody: .badRequest
        case .invalidField: .unprocessableEntity
        }
    }

    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .csrfRejected: "csrf_rejected"
        case .malformedBody: "malformed_body"
        case .invalidField: "invalid_field"
        }
    }

    public var messageKey: String {
        switch self {
        case .notFound: "error.not_found"
        case .unauthorized: "error.unauthorized"
        case .forbidden: "error.forbidden"
        case .csrfRejected: "error.csrf_rejected"
        case .malformedBody: "error.malformed_body"
        case .invalidField(_, let key, _): key
        }
    }

    public var messageArguments: [String] {
        if case .invalidField(let field, _, let arguments) = self { return [field] + arguments }
        return []
    }

    var field: String? {
        if case .invalidField(let field, _, _) = self { return field }
        return nil
    }
}

/// Too many attempts; says when to come back (sent as `Retry-After` too).
public struct RateLimited: AppError {
    public let retryAt: Date
    public let now: Date
    public var messageKey: String
    public var code: String { "too_many_requests" }
    public var status: HTTPResponseStatus { .tooManyRequests }

    public var retryAfterSeconds: Int { max(1, Int(retryAt.timeIntervalSince(now).rounded(.up))) }

    public var headers: HTTPHeaders { ["Retry-After": String(retryAfterSeconds)] }
    /// `{0}` the wait in minutes, `{1}` in seconds.
    public var messageArguments: [String] { [String(max(1, (retryAfterSeconds + 59) / 60)), String(retryAfterSeconds)] }
}
