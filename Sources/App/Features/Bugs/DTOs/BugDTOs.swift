import Foundation
import Vapor

struct BugDTO: Content {
    let id: Int
    let product_id: Int
    let module: String?
    let build_id: Int?
    let title: String
    let frequency: String
    let status: String
    let severity: String?
    let duplicate_of_id: Int?
    let fixed_in_build_id: Int?
    let reporter_id: Int
    let me_too: Int
    let duplicates: Int
    let followers: Int
    let verifications: Int
    let heat: Int
    let created_at: Date
    let status_changed_at: Date
    let url: String

    init(_ bug: Bug, module: ProductModule?, now: Date) {
        self.init(BugSummary(bug), module: module, now: now)
    }

    init(_ bug: BugSummary, module: ProductModule?, now: Date) {
        id = bug.id
        product_id = bug.productID
        self.module = module?.key
        build_id = bug.releaseID
        title = bug.title
        frequency = bug.frequency.rawValue
        status = bug.status.rawValue
        severity = bug.severity?.rawValue
        duplicate_of_id = bug.duplicateOfID
        fixed_in_build_id = bug.fixedInReleaseID
        reporter_id = bug.reporterID
        me_too = bug.meTooCount
        duplicates = bug.duplicateCount
        followers = bug.followerCount
        verifications = bug.verifiedCount
        heat = bug.heat(at: now).score
        created_at = bug.createdAt
        status_changed_at = bug.statusChangedAt
        url = SiteURL.bug(.value(bug.id)).path
    }
}

struct BugListDTO: Content {
    let items: [BugDTO]
    let page: Int
    let page_count: Int
    let total: Int

    /// The same document as `JSONBytes.encode(BugListDTO(…))`, written directly: lists are
    /// encoded on every cache miss, and Foundation's encoder cost more than the query.
    static func json(_ items: [BugDTO], page: Int, pageCount: Int, total: Int) -> ByteBuffer {
        var writer = JSONWriter()
        writer.object { list in
            list.array("items", items) { writer, bug in
                writer.object { item in
                    item.field("id", bug.id)
                    item.field("product_id", bug.product_id)
                    item.field("module", bug.module)
                    item.field("build_id", bug.build_id)
                    item.field("title", bug.title)
                    item.field("frequency", bug.frequency)
                    item.field("status", bug.status)
                    item.field("severity", bug.severity)
                    item.field("duplicate_of_id", bug.duplicate_of_id)
                    item.field("fixed_in_build_id", bug.fixed_in_build_id)
                    item.field("reporter_id", bug.reporter_id)
                    item.field("me_too", bug.me_too)
                    item.field("duplicates", bug.duplicates)
                    item.field("followers", bug.followers)
                    item.field("verifications", bug.verifications)
                    item.field("heat", bug.heat)
                    item.field("created_at", bug.created_at)
                    item.field("status_changed_at", bug.status_changed_at)
                    item.field("url", bug.url)
                }
            }
            list.field("page", page)
            list.field("page_count", pageCount)
            list.field("total", total)
        }
        return writer.buffer
    }
}

struct BugHeatDTO: Content {
    let affected: Int
    let duplicates: Int
    let followers: Int
    let severity: Int
    let recency: Double
    let total: Int

    init(_ heat: BugHeat) {
        affected = heat.affected
        duplicates = heat.duplicates
        followers = heat.followers
        severity = heat.severity
        recency = (heat.recency * 1000).rounded() / 1000
        total = heat.score
    }
}

struct BugEventDTO: Content {
    let kind: String
    let from: String?
    let to: String?
    let note: String
    let by: MemberRefDTO?
    let at: Date
}

struct BugAttachmentDTO: Content {
    let id: Int
    let kind: String
    let file_name: String
    let content_type: String
    let byte_size: Int
    let url: String
}

/// A bug in full. `steps`, `expected` and `actual` are public; `device_model`, the log files
/// and the "me too" devices are there only for those who may see them (`private_visible`).
struct BugDetailDTO: Content {
    let bug: BugDTO
    let steps: String
    let expected: String
    let actual: String
    let heat: BugHeatDTO
    let private_visible: Bool
    let device_model: String?
    let attachments: [BugAttachmentDTO]
    let me_too_members: [MemberRefDTO]
    let my_me_too: Bool?
    let following: Bool?
    let history: [BugEventDTO]
    let discussion_url: String?
}

struct MeTooDTO: Content {
    let me_too: Bool
    let count: Int
    let status: String
}

struct BulkResultDTO: Content {
    struct Refusal: Content {
        let id: Int
        let error: String
    }

    let done: [Int]
    let refused: [Refusal]
}
