import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Registration through the API")
struct RegistrationAPITests {
    @Test func register_returns_201_with_the_account() async throws {
        try await withTestApp { app in
            let response = try await app.api(.POST, "/users", json: #"{"email":" Fan@Example.com ","name":" 米粉小王 ","password":"correct horse"}"#)
            #expect(response.status == .created)
            #expect(response.json["name"] as? String == "米粉小王")
            #expect(response.json["email"] as? String == "Fan@Example.com")
            #expect(response.json["role"] as? String == "member")
            #expect(response.json["id"] as? Int != nil)
            #expect(response.json["password_hash"] == nil)
        }
    }

    @Test func email_is_unique_ignoring_case() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "fan@example.com", name: "First")
            let response = try await app.api(.POST, "/users", json: #"{"email":"FAN@example.COM","name":"Second","password":"correct horse"}"#)
            #expect(response.status == .conflict)
            #expect(response.apiError?.error == "email_taken")
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test func display_name_is_unique_ignoring_case_and_width() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "a@example.com", name: "Alice")
            let lower = try await app.api(.POST, "/users", json: #"{"email":"b@example.com","name":"alice","password":"correct horse"}"#)
            #expect(lower.status == .conflict)
            #expect(lower.apiError?.error == "name_taken")
            let fullWidth = try await app.api(.POST, "/users", json: #"{"email":"c@example.com","name":"Ａｌｉｃｅ","password":"correct horse"}"#)
            #expect(fullWidth.apiError?.error == "name_taken")
        }
    }

    @Test(arguments: [
        (#"{"email":"not-an-email","name":"Someone","password":"correct horse"}"#, "email"),
        (#"{"email":"a@example.com","name":"X","password":"correct horse"}"#, "name"),
        (#"{"email":"a@example.com","name":"Someone","password":"short"}"#, "password"),
        (#"{"email":"a@example.com","name":"Someone","password":"\#(String(repeating: "x", count: 73))"}"#, "password"),
        (#"{"email":"a@example.com","name":"Some\u0007one","password":"correct horse"}"#, "name"),
        (#"{"name":"Someone","password":"correct horse"}"#, "email"),
        (#"{"email":42,"name":"Someone","password":"correct horse"}"#, "email"),
    ])
    func bad_fields_get_422_naming_the_field(body: String, field: String) async throws {
        try await withTestApp { app in
            let response = try await app.api(.POST, "/users", json: body)
            #expect(response.status == .unprocessableEntity)
            #expect(response.apiError?.field == field || response.apiError?.reason.contains(field) == true)
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test func closed_registration_is_refused_with_403() async throws {
        try await withTestApp({ $0.openRegistration = false }) { app in
            let response = try await app.api(.POST, "/users", json: #"{"email":"a@example.com","name":"Someone","password":"correct horse"}"#)
            #expect(response.status == .forbidden)
            #expect(response.apiError?.error == "registration_closed")
        }
    }

    @Test func the_reason_speaks_the_requests_language() async throws {
        try await withTestApp { app in
            try await app.makeUser(email: "fan@example.com")
            let body = #"{"email":"fan@example.com","name":"Other","password":"correct horse"}"#
            let zh = try await app.api(.POST, "/users", json: body, headers: ["Accept-Language": "zh-CN,zh;q=0.9"])
            let en = try await app.api(.POST, "/users", json: body, headers: ["Accept-Language": "en-US,en;q=0.8"])
            #expect(zh.apiError?.reason == "这个邮箱已经注册过了。")
            #expect(en.apiError?.reason == "This email is already registered.")
        }
    }

    @Test func html_and_sql_in_fields_are_stored_verbatim_and_shown_escaped() async throws {
        try await withTestApp { app in
            let name = #"<script>alert(1)</script>'--"#
            let response = try await app.api(.POST, "/users", json: #"{"email":"x@example.com","name":"\#(name.replacingOccurrences(of: "\"", with: "\\\""))","password":"correct horse"}"#)
            #expect(response.status == .created)
            let id = try #require(response.json["id"] as? Int)
            let stored = try #require(try await User.find(id, on: app.db))
            #expect(stored.name == name)
            let page = try await app.testing().sendRequest(.GET, "/u/\(id)")
            #expect(!page.body.string.contains("<script>alert(1)</script>"))
            #expect(page.body.string.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test func simultaneous_sign_ups_with_one_email_create_one_account() async throws {
        try await withTestApp { app in
            try await withRunningServer(app) { base in
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            let response = try await app.client.post(URI(string: base + "/api/v1/users")) { req in
                                try req.content.encode(["email": "race@example.com", "name": "Racer \(index)", "password": "correct horse"], as: .json)
                            }
                            return response.status.code
                        }
                    }
                    return try await group.reduce(into: [UInt]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 201 }.count == 1)
                #expect(statuses.filter { $0 == 409 }.count == 19)
                #expect(try await User.query(on: app.db).count() == 1)
            }
        }
    }
}
