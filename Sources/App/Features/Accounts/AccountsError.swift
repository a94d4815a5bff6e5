import Foundation
import Vapor

enum AccountsError: AppError, Equatable {
    case emailTaken
    case nameTaken
    case registrationClosed
    case invalidCredentials
    case wrongCurrentPassword
    case setupAlreadyDone
    case tokenNotFound
    /// Banned by moderation until a time, for a reason; `{0}` when, `{1}` why.
    case banned(until: Date, reason: String)

    var status: HTTPResponseStatus {
        switch self {
        case .emailTaken, .nameTaken, .setupAlreadyDone: .conflict
        case .registrationClosed, .banned: .forbidden
        case .invalidCredentials: .unauthorized
        case .wrongCurrentPassword: .unprocessableEntity
        case .tokenNotFound: .notFound
        }
    }

    var code: String {
        switch self {
        case .emailTaken: "email_taken"
        case .nameTaken: "name_taken"
        case .registrationClosed: "registration_closed"
        case .invalidCredentials: "invalid_credentials"
        case .wrongCurrentPassword: "wrong_current_password"
        case .setupAlreadyDone: "setup_already_done"
        case .tokenNotFound: "not_found"
        case .banned: "banned"
        }
    }

    var messageArguments: [String] {
        if case .banned(let until, let reason) = self { return [DateDisplay.utc(until), reason] }
        return []
    }

    var messageKey: String { "accounts.error.\(code)" }

    /// The form field a page should mark, if any.
    var field: String? {
        switch self {
        case .emailTaken: "email"
        case .nameTaken: "name"
        case .wrongCurrentPassword: "current_password"
        default: nil
        }
    }
}
