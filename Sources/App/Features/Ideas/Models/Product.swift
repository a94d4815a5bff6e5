import Fluent
import Foundation

/// Something the company makes (a phone OS, a phone). Ideas, releases and bugs belong to one.
final class Product: Model, @unchecked Sendable {
    static let schema = "products"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// In addresses: `/products/aurora-os`.
    @Field(key: "slug") var slug: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "description_zh") var descriptionZh: String
    @Field(key: "description_en") var descriptionEn: String
    /// An emoji or short text shown beside the name.
    @Field(key: "icon") var icon: String
    /// The forum board where its ideas are discussed.
    @OptionalField(key: "board_id") var boardID: Int?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(slug: String, nameZh: String, nameEn: String, descriptionZh: String, descriptionEn: String, icon: String, createdAt: Date) {
        self.slug = slug
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.descriptionZh = descriptionZh
        self.descriptionEn = descriptionEn
        self.icon = icon
        self.createdAt = createdAt
    }

    func name(_ locale: SupportedLocale) -> String { locale == .en ? nameEn : nameZh }
    func description(_ locale: SupportedLocale) -> String { locale == .en ? descriptionEn : descriptionZh }
}

/// A part of a product ("camera", "battery"), owned by a team.
final class ProductModule: Model, @unchecked Sendable {
    static let schema = "product_modules"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "product_id") var product: Product
    /// Stable key within the product: `camera`.
    @Field(key: "key") var key: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    /// The team that owns it, as people know it ("Camera team").
    @Field(key: "team") var team: String

    init() {}

    init(productID: Int, key: String, nameZh: String, nameEn: String, team: String) {
        self.$product.id = productID
        self.key = key
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.team = team
    }

    func name(_ locale: SupportedLocale) -> String { locale == .en ? nameEn : nameZh }
}

/// A member of a product's team: may move its ideas through their statuses.
final class ProductMember: Model, @unchecked Sendable {
    static let schema = "product_members"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "product_id") var product: Product
    @Parent(key: "user_id") var user: User
    /// The module team they work in ("Camera team"), if any: the Popcorn Award's medal goes to
    /// the winning team's members. Added by `CreateReleases`.
    @OptionalField(key: "team") var team: String?

    init() {}

    init(productID: Int, userID: Int, team: String? = nil) {
        self.$product.id = productID
        self.$user.id = userID
        self.team = team
    }
}
