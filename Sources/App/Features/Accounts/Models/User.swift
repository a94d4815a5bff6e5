import Fluent
import Vapor

final class User: Model, Authenticatable, @unchecked Sendable {
    static let schema = "users"

    enum Role: String, Codable, CaseIterable, Sendable {
        case member, moderator, staff, admin
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?

    @Field(key: "email") var email: String
    /// The email folded for comparison; unique, so two spellings of one address can't both register.
    @Field(key: "email_key") var emailKey: String
    @Field(key: "name") var name: String
    /// The display name folded for comparison; unique, so "Alice" and "alice" can't both exist.
    @Field(key: "name_key") var nameKey: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: Role
    @Field(key: "bio") var bio: String
    /// A supported locale code, or nil to follow the browser.
    @OptionalField(key: "locale") var locale: String?
    /// An IANA time zone, or nil for the community's.
    @OptionalField(key: "time_zone") var timeZone: String?

    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    /// Set by moderation: a muted member reads but cannot post, a banned one cannot log in.
    @OptionalField(key: "muted_until") var mutedUntil: Date?
    @OptionalField(key: "banned_until") var bannedUntil: Date?
    @OptionalField(key: "ban_reason") var banReason: String?

    func isMuted(at now: Date) -> Bool { (mutedUntil.map { $0 > now } ?? false) || isBanned(at: now) }
    func isBanned(at now: Date) -> Bool { bannedUntil.map { $0 > now } ?? false }

    init() {}

    /// The member is decoded on every authenticated request, and Fluent's own decoding finds a
    /// model's properties by reflection each time (a tenth of such a request's CPU), so they are
    /// listed here. `UserDecodingTests` checks the list against Fluent's.
    var listedProperties: [any AnyDatabaseProperty] {
        [$id, $email, $emailKey, $name, $nameKey, $passwordHash, $role, $bio, $locale, $timeZone,
         $createdAt, $updatedAt, $mutedUntil, $bannedUntil, $banReason]
    }

    func output(from output: any DatabaseOutput) throws {
        for property in listedProperties { try property.output(from: output) }
    }

    init(email: String, name: String, passwordHash: String, role: Role, createdAt: Date) {
        self.email = email
        self.emailKey = AccountRules.emailKey(email)
        self.name = name
        self.nameKey = AccountRules.nameKey(name)
        self.passwordHash = passwordHash
        self.role = role
        self.bio = ""
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}
