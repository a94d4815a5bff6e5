import Vapor

enum StandingError: AppError, Equatable {
    case alreadyCheckedIn
    case unknownRule(String)

    var status: HTTPResponseStatus {
        switch self {
        case .alreadyCheckedIn: .conflict
        case .unknownRule: .internalServerError
        }
    }

    var code: String {
        switch self {
        case .alreadyCheckedIn: "already_checked_in"
        case .unknownRule: "unknown_rule"
        }
    }

    var messageKey: String { "standing.error.\(code)" }
}
