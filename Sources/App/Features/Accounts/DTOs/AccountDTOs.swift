import Vapor

/// What anyone may see of a member.
struct PublicUserDTO: Content {
    let id: Int
    let name: String
    let bio: String
    let role: String
    let created_at: Date
    let profile_url: String

    init(_ user: User) throws {
        id = try user.requireID()
        name = user.name
        bio = user.bio
        role = user.role.rawValue
        created_at = user.createdAt
        profile_url = SiteURL.profile(.value(id)).path
    }
}

/// What a member sees of their own account.
struct MeDTO: Content {
    let id: Int
    let name: String
    let email: String
    let bio: String
    let role: String
    let locale: String?
    let time_zone: String?
    let created_at: Date

    init(_ user: User) throws {
        id = try user.requireID()
        name = user.name
        email = user.email
        bio = user.bio
        role = user.role.rawValue
        locale = user.locale
        time_zone = user.timeZone
        created_at = user.createdAt
    }
}

struct TokenDTO: Content {
    let id: Int
    let label: String
    let hint: String
    let created_at: Date
    let last_used_at: Date?

    init(_ token: UserToken) throws {
        id = try token.requireID()
        label = token.label
        hint = token.tokenHint
        created_at = token.createdAt
        last_used_at = token.lastUsedAt
    }
}

/// The one response that carries a token's secret.
struct NewTokenDTO: Content {
    let id: Int
    let token: String
    let label: String
    let created_at: Date
    let user: MeDTO
}

struct CreateUserRequest: Content {
    let email: String
    let name: String
    let password: String
}

struct CreateTokenRequest: Content {
    let email: String
    let password: String
    let label: String
}
