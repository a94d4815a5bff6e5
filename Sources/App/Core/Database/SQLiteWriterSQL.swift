import Logging
import SQLiteKit

/// The writer's connection as an SQL database for group commits. sqlite-kit's own wrapper returns
/// each statement's rows through the connection's event loop, one task per row; this one asks
/// the connection directly, so a statement runs on the writer's thread and resumes the task that
/// asked right there (see `SQLiteWriterThread`).
struct SQLiteWriterSQL: SQLDatabase {
    let connection: SQLiteConnection
    private let encoder = SQLiteDataEncoder()
    private let decoder = SQLiteDataDecoder()

    init(_ connection: SQLiteConnection) {
        self.connection = connection
    }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { connection.sql().version }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .debug }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        connection.sql(encoder: encoder, decoder: decoder, queryLogLevel: queryLogLevel).execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        logger.debug("Executing query", metadata: ["sql": .string(sql)])
        let encoded = try binds.map { try encoder.encode($0) }
        let decoder = decoder
        try await connection.query(sql, encoded) { onRow($0.sql(decoder: decoder)) }
    }
}
