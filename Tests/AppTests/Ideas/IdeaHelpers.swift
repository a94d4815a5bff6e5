import Foundation
import Testing
import Vapor

@testable import App

/// A product with two modules, staff, and a fan.
struct IdeasFixture {
    let staff: User
    let fan: User
    let product: Product

    static func make(_ app: Application) async throws -> IdeasFixture {
        let staff = try await app.makeUser(email: "staff@example.com", name: "Staff", role: .staff)
        let fan = try await app.makeUser(email: "fan@example.com", name: "米粉小王")
        let product = try await IdeasService(app).createProduct(
            .init(slug: "aurora-os", nameZh: "极光 OS", nameEn: "Aurora OS", descriptionZh: "手机系统", descriptionEn: "A phone OS", icon: "🌌",
                  modules: [.init(key: "camera", nameZh: "相机", nameEn: "Camera", team: "Camera team"),
                            .init(key: "battery", nameZh: "电池", nameEn: "Battery", team: "Power team")]),
            by: staff)
        return IdeasFixture(staff: staff, fan: fan, product: product)
    }
}

extension Application {
    var ideas: IdeasService { IdeasService(self) }

    func makeMembers(_ count: Int, tier: Tier = .user, prefix: String = "voter") async throws -> [User] {
        var users: [User] = []
        for index in 0..<count {
            let user = try await makeUser(email: "\(prefix)\(index)@example.com", name: "\(prefix)\(index)")
            if tier != .user { try await PyramidService(self).setTier(user.requireID(), to: tier, reason: "test") }
            users.append(user)
        }
        return users
    }
}
