import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A forum with one board, an admin, and a fan with an API token.
struct ForumFixture {
    let admin: User
    let adminToken: String
    let fan: User
    let fanToken: String
    let boardID: Int

    static func make(_ app: Application) async throws -> ForumFixture {
        let admin = try await app.makeUser(email: "admin@example.com", name: "Admin", role: .admin)
        let fan = try await app.makeUser(email: "fan@example.com", name: "米粉小王")
        let adminToken = try await app.apiToken(email: "admin@example.com")
        let fanToken = try await app.apiToken(email: "fan@example.com")
        let created = try await app.api(.POST, "/boards", json: #"{"name_zh":"日常使用","name_en":"Daily use","description":"手机日常"}"#, token: adminToken)
        #expect(created.status == .created)
        let boardID = created.json["id"] as? Int ?? 0
        return ForumFixture(admin: admin, adminToken: adminToken, fan: fan, fanToken: fanToken, boardID: boardID)
    }
}

extension Application {
    /// Opens a thread through the API; returns (thread id, first post id).
    func openThread(board: Int, title: String = "小米相机夜景测试", body: String = "今天试了夜景模式，续航也不错。", token: String) async throws -> (Int, Int) {
        let json = try String(data: JSONSerialization.data(withJSONObject: ["title": title, "body": body]), encoding: .utf8)!
        let response = try await api(.POST, "/boards/\(board)/threads", json: json, token: token)
        #expect(response.status == .created, "\(response.body.string)")
        let first = response.json["first_post"] as? [String: Any]
        return (response.json["id"] as? Int ?? 0, first?["id"] as? Int ?? 0)
    }

    func replyTo(_ thread: Int, body: String, quote: Int? = nil, token: String) async throws -> TestingHTTPResponse {
        var object: [String: Any] = ["body": body]
        if let quote { object["quote_post_id"] = quote }
        let json = try String(data: JSONSerialization.data(withJSONObject: object), encoding: .utf8)!
        return try await api(.POST, "/threads/\(thread)/posts", json: json, token: token)
    }

    /// Members above the lowest tier post without waiting; tests of other rules use this.
    func promoteToFan(_ user: User) async throws {
        try await PyramidService(self).setTier(user.requireID(), to: .fan, reason: "test")
    }

    func makeLikers(_ count: Int) async throws -> [String] {
        var tokens: [String] = []
        for index in 0..<count {
            try await makeUser(email: "liker\(index)@example.com", name: "Liker\(index)")
            tokens.append(try await apiToken(email: "liker\(index)@example.com"))
        }
        return tokens
    }

    /// Every token likes the post at the same moment, over real HTTP; each request must succeed.
    func likeAllAtOnce(_ post: Int, tokens: [String]) async throws {
        try await withRunningServer(self) { base in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for token in tokens {
                    group.addTask {
                        let status = try await self.client.put(URI(string: base + "/api/v1/posts/\(post)/like")) { req in
                            req.headers.bearerAuthorization = .init(token: token)
                        }.status
                        #expect(status == .ok)
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
