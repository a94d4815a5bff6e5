import Foundation

/// Everything the server can be told by its operator, read once at boot (see docs/OPERATIONS.md).
/// Nothing else in the code reads the environment.
public struct AppConfig: Sendable {
    public enum Storage: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        /// `searchPath` lets the tests give every app its own schema on one PostgreSQL database.
        case postgres(url: String, searchPath: [String]? = nil)

        var isSQLite: Bool {
            if case .postgres = self { false } else { true }
        }
    }

    public var storage: Storage
    public var baseURL: URL
    public var defaultLocale: SupportedLocale
    public var timeZone: TimeZone
    public var uploadsDirectory: String
    public var openRegistration: Bool
    public var maxBodyBytes: Int
    /// bcrypt work factor; lower only in tests and throwaway CI servers.
    public var bcryptCost: Int
    /// Behind a reverse proxy, take the client address from `X-Forwarded-For`.
    public var trustProxy: Bool
    public var logRequests: Bool
    public var databasePoolSize: Int
    /// How long a request waits for a database connection before it fails.
    public var databasePoolTimeoutSeconds: Int64 = 10
    /// How long a page rendered for visitors without an account is reused; 0 turns it off.
    public var anonymousCacheSeconds: Double
    /// How long a member page's shell is reused (see `MemberPageCache`); 0 turns it off.
    public var memberCacheSeconds: Double = 5
    /// How old a list that everyone reads (a product's ideas) may be; 0 turns the cache off.
    public var listCacheSeconds: Double = 3
    /// The forum's length limits and new members' posting intervals.
    public var forum: ForumLimits = ForumLimits()
    /// The bug tracker's crowd-confirmation and verification thresholds.
    public var bugs: BugThresholds = BugThresholds()
    /// A `sendmail`-compatible program for the email outbox; nil keeps mail in the outbox.
    public var sendmailPath: String? = nil

    public var secureCookies: Bool { baseURL.scheme == "https" }

    public init(
        storage: Storage = .sqliteFile(path: "./canyu.sqlite"),
        baseURL: URL = URL(string: "http://127.0.0.1:8080")!,
        defaultLocale: SupportedLocale = .zhHans,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
        uploadsDirectory: String = "./uploads",
        openRegistration: Bool = true,
        maxBodyBytes: Int = 1 << 20,
        bcryptCost: Int = 12,
        trustProxy: Bool = false,
        logRequests: Bool = true,
        databasePoolSize: Int = 8,
        anonymousCacheSeconds: Double = 5
    ) {
        self.storage = storage
        self.baseURL = baseURL
        self.defaultLocale = defaultLocale
        self.timeZone = timeZone
        self.uploadsDirectory = uploadsDirectory
        self.openRegistration = openRegistration
        self.maxBodyBytes = maxBodyBytes
        self.bcryptCost = bcryptCost
        self.trustProxy = trustProxy
        self.logRequests = logRequests
        self.databasePoolSize = databasePoolSize
        self.anonymousCacheSeconds = anonymousCacheSeconds
    }

    /// Reads the `CANYU_*` and `DATABASE_URL` variables; a bad value names itself in the error.
    public static func fromEnvironment(_ env: [String: String], production: Bool) throws -> AppConfig {
        var config = AppConfig(logRequests: !production)
        let reader = EnvironmentReader(env: env)
        if let url = reader.string("DATABASE_URL") {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigError.invalid("DATABASE_URL", url, "expected postgres://user:password@host:port/database")
            }
            config.storage = .postgres(url: url)
        } else if let path = reader.string("CANYU_SQLITE_PATH") {
            config.storage = path == ":memory:" ? .sqliteMemory : .sqliteFile(path: path)
        }
        if let raw = reader.string("CANYU_BASE_URL") {
            guard let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigError.invalid("CANYU_BASE_URL", raw, "expected an absolute http(s) URL")
            }
            config.baseURL = url
        }
        if let raw = reader.string("CANYU_DEFAULT_LOCALE") {
            guard let locale = SupportedLocale(rawValue: raw) else {
                throw ConfigError.invalid("CANYU_DEFAULT_LOCALE", raw, "expected one of \(SupportedLocale.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            config.defaultLocale = locale
        }
        if let raw = reader.string("CANYU_TIME_ZONE") {
            guard let zone = TimeZone(identifier: raw) else {
                throw ConfigError.invalid("CANYU_TIME_ZONE", raw, "expected an IANA time zone such as Asia/Shanghai")
            }
            config.timeZone = zone
        }
        if let dir = reader.string("CANYU_UPLOADS_DIR") { config.uploadsDirectory = dir }
        if let flag = try reader.bool("CANYU_OPEN_REGISTRATION") { config.openRegistration = flag }
        if let raw = reader.string("CANYU_MAX_BODY_SIZE") {
            guard let bytes = ByteSize.parse(raw), bytes >= 1024 else {
                throw ConfigError.invalid("CANYU_MAX_BODY_SIZE", raw, "expected a size of at least 1kb, such as 1mb or 512kb")
            }
            config.maxBodyBytes = bytes
        }
        if let cost = try reader.int("CANYU_BCRYPT_COST", in: 4...31) { config.bcryptCost = cost }
        if let flag = try reader.bool("CANYU_TRUST_PROXY") { config.trustProxy = flag }
        if let flag = try reader.bool("CANYU_LOG_REQUESTS") { config.logRequests = flag }
        if let size = try reader.int("CANYU_DB_POOL_SIZE", in: 1...256) { config.databasePoolSize = size }
        if let seconds = try reader.int("CANYU_ANONYMOUS_CACHE_SECONDS", in: 0...3600) { config.anonymousCacheSeconds = Double(seconds) }
        if let seconds = try reader.int("CANYU_MEMBER_CACHE_SECONDS", in: 0...3600) { config.memberCacheSeconds = Double(seconds) }
        if let seconds = try reader.int("CANYU_LIST_CACHE_SECONDS", in: 0...3600) { config.listCacheSeconds = Double(seconds) }
        if let value = try reader.int("CANYU_FORUM_TITLE_MAX", in: 10...300) { config.forum.titleMax = value }
        if let value = try reader.int("CANYU_FORUM_BODY_MAX", in: 100...200_000) { config.forum.bodyMax = value }
        if let value = try reader.int("CANYU_NEW_MEMBER_THREAD_SECONDS", in: 0...86_400) { config.forum.newMemberThreadSeconds = value }
        if let value = try reader.int("CANYU_NEW_MEMBER_REPLY_SECONDS", in: 0...86_400) { config.forum.newMemberReplySeconds = value }
        if let value = try reader.int("CANYU_BUG_CONFIRM_ME_TOOS", in: 1...1000) { config.bugs.confirmMeToos = value }
        if let value = try reader.int("CANYU_BUG_CONFIRM_ACCOUNT_DAYS", in: 0...3650) { config.bugs.confirmAccountDays = value }
        if let value = try reader.int("CANYU_BUG_VERIFICATIONS", in: 1...100) { config.bugs.verificationsNeeded = value }
        if let path = reader.string("CANYU_SENDMAIL") {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw ConfigError.invalid("CANYU_SENDMAIL", path, "expected the path of an executable sendmail-compatible program")
            }
            config.sendmailPath = path
        }
        return config
    }
}

/// How long titles and posts may be, and how often a new member may post.
public struct ForumLimits: Sendable, Equatable {
    public var titleMin = 2
    public var titleMax = 100
    public var bodyMax = 20_000
    /// New members (the pyramid's lowest tier) wait this long between threads...
    public var newMemberThreadSeconds = 30
    /// ...and between replies.
    public var newMemberReplySeconds = 10

    public init() {}
}

public enum ConfigError: Error, CustomStringConvertible {
    case invalid(String, String, String)

    public var description: String {
        switch self {
        case .invalid(let name, let value, let expected):
            return "configuration error: \(name)=\"\(value)\" is not valid: \(expected)"
        }
    }
}

private struct EnvironmentReader {
    let env: [String: String]

    func string(_ name: String) -> String? {
        guard let value = env[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let raw = string(name) else { return nil }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigError.invalid(name, raw, "expected true or false")
        }
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = string(name) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigError.invalid(name, raw, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

enum ByteSize {
    /// "1048576", "512kb", "1mb", "2 MB".
    static func parse(_ raw: String) -> Int? {
        let text = raw.lowercased().replacingOccurrences(of: " ", with: "")
        let units: [(String, Int)] = [("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10), ("b", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let number = Int(text.dropLast(suffix.count)), number >= 0 else { return nil }
            let (value, overflow) = number.multipliedReportingOverflow(by: factor)
            return overflow ? nil : value
        }
        return Int(text)
    }
}
