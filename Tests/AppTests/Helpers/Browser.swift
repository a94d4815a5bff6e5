import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A person with a browser: keeps cookies between requests and fills in the CSRF token the
/// way a real form does, by reading it from the page.
final class Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var headers: HTTPHeaders = [:]
    private(set) var lastCSRF: String?

    init(_ app: Application, acceptLanguage: String? = nil) {
        self.app = app
        if let acceptLanguage { headers.replaceOrAdd(name: .acceptLanguage, value: acceptLanguage) }
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path)
    }

    /// Posts a form; with `csrf: true` (the default) the token comes from the last page seen.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var fields = fields
        if csrf, fields["_csrf"] == nil, let token = lastCSRF { fields["_csrf"] = token }
        let body = fields.map { key, value in "\(Self.encode(key))=\(Self.encode(value))" }.joined(separator: "&")
        return try await send(.POST, path, body: body, contentType: "application/x-www-form-urlencoded")
    }

    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String? = nil) async throws -> TestingHTTPResponse {
        var headers = self.headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let response = try await app.testing().sendRequest(
            method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let name = String(pair[0])
            let value = String(pair[1])
            if value.isEmpty || header.contains("Expires=Thu, 01 Jan 1970") || header.contains("Max-Age=0") {
                cookies[name] = nil
            } else {
                cookies[name] = value
            }
        }
        if let token = Self.csrf(in: response.body.string) { lastCSRF = token }
        return response
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// Registers through the sign-up page and stays logged in.
    @discardableResult
    func register(email: String, name: String, password: String = "correct horse") async throws -> TestingHTTPResponse {
        try await get("/register")
        return try await post("/register", ["email": email, "name": name, "password": password])
    }

    @discardableResult
    func login(email: String, password: String = "correct horse") async throws -> TestingHTTPResponse {
        try await get("/login")
        return try await post("/login", ["email": email, "password": password])
    }
}
