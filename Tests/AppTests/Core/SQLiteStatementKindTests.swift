import Testing

@testable import App

@Suite("SQLite statement routing")
struct SQLiteStatementKindTests {
    @Test(arguments: [
        "SELECT 1", "  select * from posts", "(SELECT a FROM b) UNION (SELECT c FROM d)",
        "WITH c AS (SELECT id FROM posts) SELECT COUNT(*) AS total FROM c",
    ])
    func reads_go_to_the_reader(sql: String) {
        #expect(SQLiteStatementKind.isRead(sql))
    }

    @Test(arguments: [
        "INSERT INTO post_likes (post_id) VALUES (1)", "UPDATE posts SET like_count = like_count + 1",
        "DELETE FROM post_likes", "PRAGMA synchronous = NORMAL", "BEGIN", "CREATE TABLE x (a)",
        "WITH c AS (SELECT id FROM posts) DELETE FROM likes WHERE post_id IN c",
        "REPLACE INTO x VALUES (1)",
    ])
    func everything_else_goes_to_the_writer(sql: String) {
        #expect(!SQLiteStatementKind.isRead(sql))
    }
}
