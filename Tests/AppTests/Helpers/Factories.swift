import Foundation
import Vapor
import VaporTesting

@testable import App

extension Application {
    @discardableResult
    func makeUser(email: String = "fan@example.com", name: String = "米粉小王", password: String = "correct horse", role: User.Role = .member) async throws -> User {
        try await AccountsService(self).createAccount(.init(email: email, name: name, password: password), role: role)
    }

    /// Sends JSON to the API and returns the response.
    func api(_ method: HTTPMethod, _ path: String, json: String? = nil, token: String? = nil, headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var headers = extra
        if json != nil { headers.contentType = .json }
        if let token { headers.bearerAuthorization = .init(token: token) }
        return try await testing().sendRequest(method, "/api/v1" + path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    func apiToken(email: String = "fan@example.com", password: String = "correct horse") async throws -> String {
        let response = try await api(.POST, "/tokens", json: #"{"email":"\#(email)","password":"\#(password)","label":"tests"}"#)
        struct Created: Decodable { let token: String }
        return try JSONDecoder().decode(Created.self, from: Data(response.body.readableBytesView)).token
    }
}

extension TestingHTTPResponse {
    /// The `{"error", "reason", "field"}` body of an API error.
    var apiError: (error: String, reason: String, field: String?)? {
        struct Body: Decodable { let error: String; let reason: String; let field: String? }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(self.body.readableBytesView)) else { return nil }
        return (body.error, body.reason, body.field)
    }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }
}
