import NIOPosix
import Vapor

/// bcrypt, off the event loops: a hash takes a good fraction of a second by design.
struct PasswordHasher: Sendable {
    let cost: Int
    let threadPool: NIOThreadPool

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await threadPool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }
}

extension Application {
    var passwordHasher: PasswordHasher {
        PasswordHasher(cost: config.bcryptCost, threadPool: threadPool)
    }
}
