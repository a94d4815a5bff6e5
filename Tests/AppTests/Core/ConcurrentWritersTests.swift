import Testing
import Vapor

@testable import App

/// SQLite writers that wait for the lock spin on a blocking thread. Several applications in one
/// process (as in this test run, or `serve` beside a job) once shared one small thread pool, and
/// their waiters could take every thread from the connections holding the locks: all of them
/// then hung. Each application now has its own pool, larger than its connections.
@Suite("Concurrent writers")
struct ConcurrentWritersTests {
    @Test func several_apps_writing_at_once_all_finish_exactly() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await withTestApp { app in
                        let forum = try await ForumFixture.make(app)
                        try await app.promoteToFan(forum.fan)
                        let (_, post) = try await app.openThread(board: forum.boardID, token: forum.fanToken)
                        let tokens = try await app.makeLikers(10)
                        try await app.likeAllAtOnce(post, tokens: tokens + tokens + tokens + tokens)
                        #expect(try await app.forumPost(post).likeCount == 10)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

}
