import Fluent
import SQLKit
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Personal access tokens")
struct TokenAPITests {
    @Test func a_token_opens_me_and_is_stored_hashed() async throws {
        try await withTestApp { app in
            try await app.makeUser()
            let token = try await app.apiToken()
            #expect(token.hasPrefix("cy_"))
            let me = try await app.api(.GET, "/me", token: token)
            #expect(me.status == .ok)
            #expect(me.json["email"] as? String == "fan@example.com")
            #expect(me.json["role"] as? String == "member")
            let stored = try await UserToken.query(on: app.db).all()
            #expect(stored.count == 1)
            #expect(stored[0].tokenHash != token)
            #expect(stored[0].tokenHash == SecureToken.hash(token))
        }
    }

    @Test func me_without_a_valid_token_is_401_json() async throws {
        try await withTestApp { app in
            let none = try await app.api(.GET, "/me")
            #expect(none.status == .unauthorized)
            #expect(none.apiError?.error == "unauthorized")
            let wrong = try await app.api(.GET, "/me", token: "cy_not-a-real-token")
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test func a_session_cookie_does_not_authenticate_the_api() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            try await browser.register(email: "fan@example.com", name: "米粉小王")
            let response = try await browser.get("/api/v1/me")
            #expect(response.status == .unauthorized)
        }
    }

    @Test func wrong_password_is_401_and_a_revoked_token_stops_working() async throws {
        try await withTestApp { app in
            try await app.makeUser()
            let wrong = try await app.api(.POST, "/tokens", json: #"{"email":"fan@example.com","password":"nope nope","label":"x"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.apiError?.error == "invalid_credentials")
            let token = try await app.apiToken()
            let list = try await app.api(.GET, "/tokens", token: token)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView)) as? [[String: Any]])?.first?["id"] as? Int)
            let revoke = try await app.api(.DELETE, "/tokens/\(id)", token: token)
            #expect(revoke.status == .noContent)
            #expect(try await app.api(.GET, "/me", token: token).status == .unauthorized)
        }
    }

    @Test func another_members_token_cannot_be_revoked() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "a@example.com", name: "Alpha")
            try await app.makeUser(email: "b@example.com", name: "Bravo")
            let tokenA = try await app.apiToken(email: "a@example.com")
            let tokenB = try await app.apiToken(email: "b@example.com")
            let idA = try #require(try await UserToken.query(on: app.db).filter(\.$tokenHash == SecureToken.hash(tokenA)).first()?.id)
            let attempt = try await app.api(.DELETE, "/tokens/\(idA)", token: tokenB)
            #expect(attempt.status == .notFound)
            #expect(try await app.api(.GET, "/me", token: tokenA).status == .ok)
        }
    }

    @Test func a_tokens_first_call_records_when_it_was_used() async throws {
        try await withTestApp { app in
            try await app.makeUser()
            let token = try await app.apiToken()
            let stored = try #require(try await UserToken.query(on: app.db).first())
            #expect(stored.lastUsedAt == nil)
            #expect(try await app.api(.GET, "/me", token: token).status == .ok)
            // Noted in memory, written by the node's background job (run here by hand).
            #expect(try await UserToken.find(stored.id, on: app.db)?.lastUsedAt == nil)
            try await app.tokenUses.flush(to: app.db)
            let used = try #require(try await UserToken.find(stored.id, on: app.db)?.lastUsedAt)
            #expect(abs(used.timeIntervalSince(app.clock.now())) < 60)
        }
    }

    @Test func token_hashes_are_sha256_in_lowercase_hex() {
        #expect(SecureToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecureToken.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

/// `User` lists its properties for decoding instead of Fluent's reflection: the list must be
/// Fluent's, field for field, or a new column would silently go unread.
@Suite("Member decoding")
struct UserDecodingTests {
    @Test func the_listed_properties_are_fluents() {
        let listed = User().listedProperties.flatMap(\.keys).map(\.description)
        #expect(listed.sorted() == User.keys.map(\.description).sorted())
        #expect(Set(listed).count == listed.count)
    }

    @Test func a_member_decodes_as_fluent_would() async throws {
        try await withTestApp { app in
            let user = try await app.makeUser()
            user.locale = "zh-Hans"
            user.timeZone = "Asia/Shanghai"
            user.mutedUntil = Date(timeIntervalSince1970: 2_000_000_000)
            user.banReason = "spam"
            try await user.save(on: app.db)
            let row = try #require(try await (app.db as! any SQLDatabase).raw("SELECT * FROM users").first())
            let listed = try row.decode(fluentModel: User.self)
            let reflected = User()
            for property in reflected.properties.compactMap({ $0 as? any AnyDatabaseProperty }) {
                try property.output(from: RowOutput(row: row))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            #expect(try encoder.encode(listed) == encoder.encode(reflected))
            #expect(listed.$id.exists && listed.locale == "zh-Hans" && listed.banReason == "spam" && listed.bannedUntil == nil)
        }
    }
}

/// Fluent's own adapter from an SQL row (internal to FluentSQL), for decoding by reflection.
private struct RowOutput: DatabaseOutput {
    let row: any SQLRow
    var description: String { "\(row)" }
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: key.description) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: key.description) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: key.description, as: T.self) }
}
