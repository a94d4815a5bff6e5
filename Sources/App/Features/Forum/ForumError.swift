import Foundation
import Vapor

/// What the forum refuses, with a reason the member can act on.
enum ForumError: AppError, Equatable {
    case threadLocked
    case boardArchived
    /// `{0}`: until when (formatted by the caller's page or as ISO 8601 in the API).
    case muted(until: Date)
    case banned(until: Date, reason: String)
    case postDeleted
    case alreadyReported
    case quoteElsewhere
    case imageTooLarge
    case imageType
    case sameBoard

    var status: HTTPResponseStatus {
        switch self {
        case .threadLocked, .boardArchived, .postDeleted, .alreadyReported, .sameBoard: .conflict
        case .muted, .banned: .forbidden
        case .quoteElsewhere: .unprocessableEntity
        case .imageTooLarge: .payloadTooLarge
        case .imageType: .unsupportedMediaType
        }
    }

    var code: String {
        switch self {
        case .threadLocked: "thread_locked"
        case .boardArchived: "board_archived"
        case .muted: "muted"
        case .banned: "banned"
        case .postDeleted: "post_deleted"
        case .alreadyReported: "already_reported"
        case .quoteElsewhere: "quote_elsewhere"
        case .imageTooLarge: "image_too_large"
        case .imageType: "image_type"
        case .sameBoard: "same_board"
        }
    }

    var messageKey: String { "forum.error.\(code)" }

    var messageArguments: [String] {
        switch self {
        case .muted(let until): [DateDisplay.utc(until)]
        case .banned(let until, let reason): [DateDisplay.utc(until), reason]
        default: []
        }
    }
}
