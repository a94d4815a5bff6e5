import Fluent
import SQLKit

/// A version on each thread and board, bumped by every change a member could see on its page,
/// so members' page shells (`MemberPageCache`) are keyed by what they show. The models leave
/// the column out: it is only ever bumped in SQL (`version = version + 1`), never written back.
struct AddForumPageVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ForumThread.schema).field("version", .int, .required, .sql(.default(0))).update()
        try await database.schema(Board.schema).field("version", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ForumThread.schema).deleteField("version").update()
        try await database.schema(Board.schema).deleteField("version").update()
    }
}
