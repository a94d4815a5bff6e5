import Foundation
import Vapor

struct CategoryDTO: Content {
    let id: Int
    let name_zh: String
    let name_en: String
    let position: Int

    init(_ category: ForumCategory) {
        id = category.id ?? 0
        name_zh = category.nameZh
        name_en = category.nameEn
        position = category.position
    }
}

struct BoardDTO: Content {
    let id: Int
    let category_id: Int
    let name: String
    let name_zh: String
    let name_en: String
    let description: String
    let icon: String
    let position: Int
    let archived: Bool
    let thread_count: Int
    let post_count: Int

    init(_ board: Board, locale: SupportedLocale) {
        id = board.id ?? 0
        category_id = board.$category.id
        name = board.name(locale)
        name_zh = board.nameZh
        name_en = board.nameEn
        description = board.description(locale)
        icon = board.icon
        position = board.position
        archived = board.archived
        thread_count = board.threadCount
        post_count = board.postCount
    }
}

struct MemberRefDTO: Content {
    let id: Int
    let name: String
}

struct ThreadDTO: Content {
    let id: Int
    let board_id: Int
    let title: String
    let author: MemberRefDTO
    let pinned: Bool
    let featured: Bool
    let locked: Bool
    let reply_count: Int
    let view_count: Int
    let last_post_at: Date
    let created_at: Date
    let url: String

    init(_ thread: ForumThread, authors: [Int: User]) {
        id = thread.id ?? 0
        board_id = thread.$board.id
        title = thread.title
        author = MemberRefDTO(id: thread.$author.id, name: authors[thread.$author.id]?.name ?? "")
        pinned = thread.pinned
        featured = thread.featured
        locked = thread.locked
        reply_count = thread.replyCount
        view_count = thread.viewCount
        last_post_at = thread.lastPostAt
        created_at = thread.createdAt
        url = SiteURL.thread(.value(thread.id ?? 0)).path
    }
}

struct PostDTO: Content {
    let id: Int
    let thread_id: Int
    let floor: Int
    let author: MemberRefDTO
    /// Markdown source; null when the post is deleted or hidden from this reader.
    let body: String?
    let body_html: String?
    let state: String
    let quote_post_id: Int?
    let like_count: Int
    let edited_at: Date?
    let created_at: Date
    let url: String

    /// `readable`: whether the reader may see the text (`ForumPolicy.canRead`); the author always may.
    init(_ post: Post, authors: [Int: User], readable: Bool? = nil) {
        let visible = readable ?? (post.state == .visible)
        id = post.id ?? 0
        thread_id = post.$thread.id
        floor = post.floor
        author = MemberRefDTO(id: post.$author.id, name: authors[post.$author.id]?.name ?? "")
        body = visible ? post.body : nil
        body_html = visible ? post.bodyHTML : nil
        state = post.state.rawValue
        quote_post_id = post.$quotePost.id
        like_count = post.likeCount
        edited_at = post.editedAt
        created_at = post.createdAt
        url = SiteURL.post(.value(post.id ?? 0)).path
    }
}

struct ThreadListDTO: Content {
    let items: [ThreadDTO]
    let page: Int
    let page_count: Int
    let total: Int
}

struct ThreadPageDTO: Content {
    let thread: ThreadDTO
    let posts: [PostDTO]
    let page: Int
    let page_count: Int
}

struct CreatedThreadDTO: Content {
    let id: Int
    let board_id: Int
    let title: String
    let first_post: PostDTO
    let url: String
}

struct LikeDTO: Content {
    let post_id: Int
    let liked: Bool
    let like_count: Int
}

struct ReportDTO: Content {
    let id: Int
    let post_id: Int
    let reporter: MemberRefDTO
    let reason: String
    let status: String
    let created_at: Date
}

struct SanctionDTO: Content {
    let id: Int
    let user_id: Int
    let kind: String
    let reason: String
    let until: Date
}

struct ModerationLogDTO: Content {
    let id: Int
    let actor: MemberRefDTO
    let action: String
    let target: String
    let subject_user_id: Int?
    let reason: String
    let before: String
    let after: String
    let created_at: Date
}

struct UploadDTO: Content {
    let url: String
    let markdown: String
    let content_type: String
    let byte_size: Int
}

struct SearchHitDTO: Content {
    let post_id: Int
    let thread_id: Int
    let floor: Int
    let thread_title: String
    let board_id: Int
    let author: MemberRefDTO
    let created_at: Date
    let title_html: String
    let snippet_html: String
    let url: String
}

struct SearchResultsDTO: Content {
    let items: [SearchHitDTO]
    let total: Int
    let capped: Bool
    let page: Int
    let per_page: Int

    init(_ results: SearchService.Results) {
        items = results.hits.map {
            SearchHitDTO(
                post_id: $0.postID, thread_id: $0.threadID, floor: $0.floor, thread_title: $0.threadTitle, board_id: $0.boardID,
                author: MemberRefDTO(id: $0.authorID, name: $0.authorName), created_at: $0.createdAt, title_html: $0.titleHTML,
                snippet_html: $0.snippetHTML, url: SiteURL.post(.value($0.postID)).path)
        }
        (total, capped, page, per_page) = (results.total, results.capped, results.page, results.perPage)
    }

    /// The same document as `JSONBytes.encode(self)`, written directly: a search that is not
    /// cached spent a twentieth of its time in Foundation's encoder.
    var json: ByteBuffer {
        var writer = JSONWriter()
        writer.object { list in
            list.array("items", items) { writer, hit in
                writer.object { item in
                    item.field("post_id", hit.post_id)
                    item.field("thread_id", hit.thread_id)
                    item.field("floor", hit.floor)
                    item.field("thread_title", hit.thread_title)
                    item.field("board_id", hit.board_id)
                    item.object("author") { author in
                        author.field("id", hit.author.id)
                        author.field("name", hit.author.name)
                    }
                    item.field("created_at", hit.created_at)
                    item.field("title_html", hit.title_html)
                    item.field("snippet_html", hit.snippet_html)
                    item.field("url", hit.url)
                }
            }
            list.field("total", total)
            list.field("capped", capped)
            list.field("page", page)
            list.field("per_page", per_page)
        }
        return writer.buffer
    }
}
