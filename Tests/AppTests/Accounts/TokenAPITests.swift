import Fluent
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
}
