import Fluent
import SQLKit
import Vapor

/// The account use cases, shared by pages, the API and the commands.
struct AccountsService {
    struct Registration {
        var email: String?
        var name: String?
        var password: String?
    }

    struct ProfileUpdate {
        var name: String?
        var bio: String?
        var locale: String?
        var timeZone: String?
    }

    let db: any Database
    let clock: any AppClock
    let passwords: PasswordHasher
    let config: AppConfig

    init(db: any Database, clock: any AppClock, passwords: PasswordHasher, config: AppConfig) {
        self.db = db
        self.clock = clock
        self.passwords = passwords
        self.config = config
    }

    init(_ app: Application) {
        self.init(db: app.db, clock: app.clock, passwords: app.passwordHasher, config: app.config)
    }

    init(_ req: Request) {
        self.init(db: req.db, clock: req.application.clock, passwords: req.application.passwordHasher, config: req.application.config)
    }

    // MARK: Registration and setup

    /// Self-service sign-up; refused when the operator closed registration.
    func register(_ input: Registration, locale: SupportedLocale? = nil) async throws -> User {
        guard AccountsPolicy.canRegister(config: config) else { throw AccountsError.registrationClosed }
        return try await createAccount(input, role: .member, locale: locale)
    }

    /// Creates an account with any role (used by registration, setup and `canyu admin create`).
    func createAccount(_ input: Registration, role: User.Role, locale: SupportedLocale? = nil, on database: (any Database)? = nil) async throws -> User {
        let email = try AccountRules.validEmail(input.email)
        let name = try AccountRules.validName(input.name)
        let password = try AccountRules.validPassword(input.password)
        let db = database ?? self.db
        try await ensureAvailable(email: email, name: name, on: db)
        let user = User(email: email, name: name, passwordHash: try await passwords.hash(password), role: role, createdAt: clock.now())
        user.locale = locale?.rawValue
        do {
            try await user.create(on: db)
        } catch where isConstraintViolation(error) {
            // Another request took the email or the name between our check and the insert.
            try await ensureAvailable(email: email, name: name, on: db)
            throw error
        }
        return user
    }

    private func ensureAvailable(email: String, name: String, on db: any Database) async throws {
        if try await User.query(on: db).filter(\.$emailKey == AccountRules.emailKey(email)).count() > 0 {
            throw AccountsError.emailTaken
        }
        if try await User.query(on: db).filter(\.$nameKey == AccountRules.nameKey(name)).count() > 0 {
            throw AccountsError.nameTaken
        }
    }

    func adminExists() async throws -> Bool {
        try await User.query(on: db).filter(\.$role == .admin).count() > 0
    }

    /// First run: the first visitor creates the admin, only while none exists. The flag row's
    /// unique key makes two simultaneous attempts end with one admin.
    func completeFirstRunSetup(_ input: Registration, locale: SupportedLocale?) async throws -> User {
        guard try await !adminExists() else { throw AccountsError.setupAlreadyDone }
        let now = clock.now()
        do {
            return try await db.transaction { tx in
                try await SiteFlag(key: SiteFlag.firstRunSetup, setAt: now).create(on: tx)
                return try await createAccount(input, role: .admin, locale: locale, on: tx)
            }
        } catch where isConstraintViolation(error) {
            if try await adminExists() { throw AccountsError.setupAlreadyDone }
            throw error
        }
    }

    // MARK: Logging in

    func authenticate(email rawEmail: String?, password: String?, ip: String) async throws -> User {
        let key = AccountRules.emailKey(rawEmail ?? "")
        let throttle = LoginThrottle(db: db, clock: clock)
        try await throttle.check(accountKey: key, ip: ip)
        let user = try await User.query(on: db).filter(\.$emailKey == key).first()
        let verified: Bool
        if let user {
            verified = try await passwords.verify(password ?? "", against: user.passwordHash)
        } else {
            // Spend the same time as a real check, so response times don't reveal which emails exist.
            _ = try await passwords.hash(password ?? "")
            verified = false
        }
        guard let user, verified else {
            try await throttle.recordFailure(accountKey: key, ip: ip)
            throw AccountsError.invalidCredentials
        }
        try await throttle.clear(accountKey: key)
        if let until = user.bannedUntil, until > clock.now() {
            throw AccountsError.banned(until: until, reason: user.banReason ?? "")
        }
        return user
    }

    // MARK: Settings

    func changePassword(of user: User, current: String?, new: String?, keepingSession sessionID: String?) async throws {
        let newPassword = try AccountRules.validPassword(new, field: "new_password")
        guard try await passwords.verify(current ?? "", against: user.passwordHash) else {
            throw AccountsError.wrongCurrentPassword
        }
        user.passwordHash = try await passwords.hash(newPassword)
        user.updatedAt = clock.now()
        try await db.transaction { tx in
            try await user.update(on: tx)
            try await WebSessions.endOthers(of: user.requireID(), keeping: sessionID, on: tx)
        }
    }

    func updateProfile(of user: User, _ input: ProfileUpdate) async throws {
        let name = try AccountRules.validName(input.name ?? user.name)
        let bio = try AccountRules.validBio(input.bio ?? user.bio)
        let locale = try AccountRules.validLocale(input.locale)
        let timeZone = try AccountRules.validTimeZone(input.timeZone)
        let nameKey = AccountRules.nameKey(name)
        if nameKey != user.nameKey,
            try await User.query(on: db).filter(\.$nameKey == nameKey).filter(\.$id != user.requireID()).count() > 0
        {
            throw AccountsError.nameTaken
        }
        user.name = name
        user.nameKey = nameKey
        user.bio = bio
        user.locale = locale
        user.timeZone = timeZone
        user.updatedAt = clock.now()
        do {
            try await user.update(on: db)
        } catch where isConstraintViolation(error) {
            throw AccountsError.nameTaken
        }
    }

    func setLocale(of user: User, to locale: SupportedLocale) async throws {
        user.locale = locale.rawValue
        try await user.update(on: db)
    }

    // MARK: API tokens

    /// Returns the token once; only its hash is stored.
    func createToken(for user: User, label rawLabel: String?) async throws -> (UserToken, String) {
        let label = try AccountRules.validTokenLabel(rawLabel)
        let secret = SecureToken.make(prefix: "cy_")
        let token = UserToken(
            userID: try user.requireID(), label: label, tokenHash: SecureToken.hash(secret),
            tokenHint: String(secret.prefix(7)), createdAt: clock.now())
        try await token.create(on: db)
        return (token, secret)
    }

    /// A token for whoever proves email and password (the API's way in). The label is checked
    /// first, so a malformed request does not count as a failed login.
    func createToken(email: String, password: String, label: String, ip: String) async throws -> (User, UserToken, String) {
        _ = try AccountRules.validTokenLabel(label)
        let user = try await authenticate(email: email, password: password, ip: ip)
        let (token, secret) = try await createToken(for: user, label: label)
        return (user, token, secret)
    }

    func tokens(of user: User) async throws -> [UserToken] {
        try await UserToken.query(on: db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt, .descending).all()
    }

    func revokeToken(_ id: Int, of user: User) async throws {
        guard let token = try await UserToken.find(id, on: db), token.$user.id == user.id else {
            throw AccountsError.tokenNotFound
        }
        try await token.delete(on: db)
    }

    // MARK: Queries

    static func member(_ id: Int, on db: any Database) async throws -> User {
        guard let user = try await User.find(id, on: db) else { throw CoreError.notFound }
        return user
    }

    /// Not found unless the member exists; for callers that need only that (one indexed lookup,
    /// no model to load).
    static func requireMember(_ id: Int, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { _ = try await member(id, on: db); return }
        guard try await sql.raw("SELECT 1 AS found FROM users WHERE id = \(bind: id)").first() != nil else { throw CoreError.notFound }
    }

    static func newestMembers(limit: Int, on db: any Database) async throws -> [User] {
        try await User.query(on: db).sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit).all()
    }

    static func memberCount(on db: any Database) async throws -> Int {
        try await User.query(on: db).count()
    }
}
