import Foundation
import Testing

@testable import App

@Suite("Configuration from the environment")
struct AppConfigTests {
    @Test func defaults_need_no_environment() throws {
        let config = try AppConfig.fromEnvironment([:], production: false)
        #expect(config.storage == .sqliteFile(path: "./canyu.sqlite"))
        #expect(config.defaultLocale == .zhHans)
        #expect(config.timeZone.identifier == "Asia/Shanghai")
        #expect(config.openRegistration)
        #expect(config.maxBodyBytes == 1 << 20)
        #expect(!config.secureCookies)
    }

    @Test func every_variable_is_read() throws {
        let config = try AppConfig.fromEnvironment([
            "DATABASE_URL": "postgres://u:p@db:5432/canyu", "CANYU_BASE_URL": "https://fans.example.com",
            "CANYU_DEFAULT_LOCALE": "en", "CANYU_TIME_ZONE": "Europe/Berlin", "CANYU_UPLOADS_DIR": "/srv/up",
            "CANYU_OPEN_REGISTRATION": "false", "CANYU_MAX_BODY_SIZE": "2mb", "CANYU_LIST_CACHE_SECONDS": "0",
        ], production: true)
        #expect(config.storage == .postgres(url: "postgres://u:p@db:5432/canyu"))
        #expect(config.secureCookies)
        #expect(config.defaultLocale == .en)
        #expect(config.timeZone.identifier == "Europe/Berlin")
        #expect(config.uploadsDirectory == "/srv/up")
        #expect(!config.openRegistration)
        #expect(config.maxBodyBytes == 2 << 20)
        #expect(!config.logRequests)
        #expect(config.listCacheSeconds == 0)
    }

    @Test(arguments: [
        ("CANYU_TIME_ZONE", "Mars/Olympus"), ("CANYU_DEFAULT_LOCALE", "fr"), ("CANYU_OPEN_REGISTRATION", "maybe"),
        ("CANYU_BASE_URL", "not a url"), ("DATABASE_URL", "mysql://x"), ("CANYU_MAX_BODY_SIZE", "huge"),
        ("CANYU_BCRYPT_COST", "99"), ("CANYU_LIST_CACHE_SECONDS", "-1"),
    ])
    func a_bad_value_names_the_variable(name: String, value: String) {
        do {
            _ = try AppConfig.fromEnvironment([name: value], production: false)
            Issue.record("\(name)=\(value) was accepted")
        } catch {
            #expect("\(error)".contains(name))
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test func byte_sizes_parse_with_units() {
        #expect(ByteSize.parse("512kb") == 512 * 1024)
        #expect(ByteSize.parse("1 MB") == 1 << 20)
        #expect(ByteSize.parse("2048") == 2048)
        #expect(ByteSize.parse("-1mb") == nil)
        #expect(ByteSize.parse("99999999999999gb") == nil)
    }
}
