import Foundation
import Vapor

struct ProductModuleDTO: Content {
    let key: String
    let name_zh: String
    let name_en: String
    let team: String

    init(_ module: ProductModule) {
        key = module.key
        name_zh = module.nameZh
        name_en = module.nameEn
        team = module.team
    }
}

struct ProductDTO: Content {
    let id: Int
    let slug: String
    let name: String
    let name_zh: String
    let name_en: String
    let description: String
    let icon: String
    let modules: [ProductModuleDTO]
    let url: String

    init(_ product: Product, modules: [ProductModule], locale: SupportedLocale) {
        id = product.id ?? 0
        slug = product.slug
        name = product.name(locale)
        name_zh = product.nameZh
        name_en = product.nameEn
        description = product.description(locale)
        icon = product.icon
        self.modules = modules.map(ProductModuleDTO.init)
        url = SiteURL.product(product.slug).path
    }
}

struct IdeaDTO: Content {
    let id: Int
    let product_id: Int
    let module: String?
    let title: String
    let body: String
    let body_html: String
    let status: String
    let duplicate_of_id: Int?
    let author: IdeaAuthorDTO
    let votes: Int
    let weighted_score: Int
    let voted: Bool?
    let created_at: Date
    let status_changed_at: Date
    /// The forum thread where it is discussed.
    let discussion_url: String?
    let url: String

    init(_ idea: Idea, author: User?, module: ProductModule?, voted: Bool? = nil) {
        id = idea.id ?? 0
        product_id = idea.$product.id
        self.module = module?.key
        title = idea.title
        body = idea.body
        body_html = idea.bodyHTML
        status = idea.status.rawValue
        duplicate_of_id = idea.$duplicateOf.id
        self.author = IdeaAuthorDTO(id: idea.$author.id, name: author?.name ?? "")
        votes = idea.voteCount
        weighted_score = idea.weightedScore
        self.voted = voted
        created_at = idea.createdAt
        status_changed_at = idea.statusChangedAt
        discussion_url = idea.threadID.map { SiteURL.thread(.value($0)).path }
        url = SiteURL.idea(.value(idea.id ?? 0)).path
    }
}

struct IdeaAuthorDTO: Content {
    let id: Int
    let name: String
}

struct IdeaListDTO: Content {
    let items: [IdeaDTO]
    let page: Int
    let page_count: Int
    let total: Int
}

struct IdeaStatusChangeDTO: Content {
    let from: String
    let to: String
    let note: String
    let by: IdeaAuthorDTO
    let at: Date
}

struct IdeaDetailDTO: Content {
    let idea: IdeaDTO
    let history: [IdeaStatusChangeDTO]
}

struct VoteDTO: Content {
    let voted: Bool
    let votes: Int
    let weighted_score: Int
}
