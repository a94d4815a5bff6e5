import Fluent
import Foundation
import SQLKit
import Synchronization
import Vapor

/// When each API token was last used, noted in memory and written in one statement every few
/// seconds (like thread views), so a member's first call is not also a write of its own. A node
/// that crashes loses at most those seconds of "last used" times.
final class TokenUses: Sendable {
    private let pending = Mutex<[Int: Date]>([:])

    func record(_ tokenID: Int, at time: Date) {
        pending.withLock { $0[tokenID] = max($0[tokenID] ?? time, time) }
    }

    func flush(to db: any Database) async throws {
        let batch = pending.withLock { pending in
            defer { pending = [:] }
            return pending
        }
        guard let latest = batch.values.max(), let sql = db as? any SQLDatabase else { return }
        do {
            // The times are seconds apart; at the five-minute resolution they are kept at, the
            // latest serves them all.
            try await sql.raw("UPDATE user_tokens SET last_used_at = \(bind: latest) WHERE id IN (\(binds: Array(batch.keys)))").run()
        } catch {
            pending.withLock { pending in
                for (tokenID, time) in batch { pending[tokenID] = max(pending[tokenID] ?? time, time) }
            }
            throw error
        }
    }
}

extension Application {
    private struct TokenUsesKey: StorageKey { typealias Value = TokenUses }

    /// Made at configuration, before any request can race to make it.
    var tokenUses: TokenUses { stored(TokenUsesKey.self) { TokenUses() } }
}
