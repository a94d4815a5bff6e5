/// Where an idea stands (DOMAIN.md §2). Open ideas take votes; closed ones give them back.
enum IdeaStatus: String, Codable, CaseIterable, Sendable {
    case proposed
    case underReview = "under_review"
    case planned
    case inProgress = "in_progress"
    case inBeta = "in_beta"
    case shipped
    case declined
    case duplicate

    var isOpen: Bool {
        switch self {
        case .shipped, .declined, .duplicate: false
        default: true
        }
    }

    static let open = allCases.filter(\.isOpen)

    /// Statuses staff and the product's team set by hand; `duplicate` comes only from a merge.
    static let settable = allCases.filter { $0 != .duplicate }

    /// Shown on the product's roadmap, in this order.
    static let roadmap: [IdeaStatus] = [.planned, .inProgress, .inBeta, .shipped]

    var labelKey: String { "ideas.status.\(rawValue)" }

    /// A status as a page or the API names it; anything else is a 422 on `status`.
    static func parse(_ raw: String?) throws -> IdeaStatus {
        guard let status = raw.flatMap(IdeaStatus.init(rawValue:)) else {
            throw CoreError.invalidField(field: "status", messageKey: "ideas.invalid.status")
        }
        return status
    }
}
