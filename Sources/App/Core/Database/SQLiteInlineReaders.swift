import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// Marks reads that are small and indexed (a session, a token, a page's version probe): only
/// those may be answered on the event loop (see `SQLiteInlineReaders`). Scans, searches and
/// lists stay on the pool's threads, where they don't hold up the other requests of a loop.
enum SmallRead {
    @TaskLocal static var isMarked = false

    static func run<T>(_ body: () async throws -> T) async rethrows -> T {
        try await $isMarked.withValue(true) { try await body() }
    }
}

/// Small reads answered on the event loop itself, through a read-only connection of that loop's
/// own, instead of a hop to a pool thread and back. One read through the pool cost about 34 µs
/// of CPU (a constant route 49 µs, the same with `SELECT 1` 83 µs), almost all of it the hop and
/// sqlite-kit's futures; a member's page makes two such reads (session, page probe), an API call
/// one (its token). The statements are cached per connection by their text.
///
/// A read blocks its event loop while SQLite works, so this is only for reads marked
/// `SmallRead`, on the hot path and answered from pages in memory; anything else keeps the pool.
/// In WAL mode a reader never waits for the writer. Whenever SQLite answers anything but rows
/// (busy, an error), no row has been handed out yet and the caller runs the statement through
/// the pool instead, which reports errors as every other query does.
final class SQLiteInlineReaders: Sendable {
    private let path: String
    private struct State {
        var connections: [ObjectIdentifier: InlineConnection] = [:]
        var closed = false
    }
    private let state = NIOLockedValueBox(State())

    init(path: String) {
        self.path = path
    }

    /// Runs `sql` on `loop`'s own connection. Must be called on `loop`. Returns false when it
    /// did not (closed, busy, an error, or the connection would not open): the caller then uses
    /// the pool.
    func read(_ sql: String, _ binds: [any Encodable & Sendable], on loop: any EventLoop, _ onRow: (any SQLRow) -> Void) -> Bool {
        guard let values = try? binds.map({ try SQLiteDataEncoder().encode($0) }) else { return false }
        let key = ObjectIdentifier(loop)
        let connection: InlineConnection? = state.withLockedValue { state in
            guard !state.closed else { return nil }
            if let existing = state.connections[key] {
                guard !existing.inUse else { return nil }
                existing.inUse = true
                return existing
            }
            guard let opened = InlineConnection(path: path) else { return nil }
            opened.inUse = true
            state.connections[key] = opened
            return opened
        }
        guard let connection else { return false }
        defer {
            let close = state.withLockedValue { state in
                connection.inUse = false
                return state.closed
            }
            if close { connection.close() }
        }
        return connection.read(sql, values, onRow)
    }

    /// Closes every connection not in use now; one in use closes when its read ends.
    func shutdown() {
        let idle = state.withLockedValue { state in
            state.closed = true
            return state.connections.values.filter { !$0.inUse }
        }
        for connection in idle { connection.close() }
    }
}

/// Used by one event loop's thread at a time (`inUse`, under the readers' lock).
private final class InlineConnection: @unchecked Sendable {
    var inUse = false
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private static let maxStatements = 256

    init?(path: String) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            sqlite_nio_sqlite3_close(handle)
            return nil
        }
        sqlite_nio_sqlite3_busy_timeout(handle, 20)
        self.handle = handle
    }

    func read(_ sql: String, _ binds: [SQLiteData], _ onRow: (any SQLRow) -> Void) -> Bool {
        guard let handle else { return false }
        let statement: OpaquePointer
        if let cached = statements[sql] {
            statement = cached
        } else {
            var prepared: OpaquePointer?
            let code = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
            guard code == SQLITE_OK, let prepared else { return false }
            if statements.count < Self.maxStatements { statements[sql] = prepared }
            statement = prepared
        }
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
            if statements[sql] == nil { sqlite_nio_sqlite3_finalize(statement) }
        }
        for (index, value) in binds.enumerated() where !bind(value, at: Int32(index + 1), in: statement) { return false }
        let count = sqlite_nio_sqlite3_column_count(statement)
        let columns = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
        var rows: [InlineRow] = []
        while true {
            let code = sqlite_nio_sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { return false }
            rows.append(InlineRow(columns: columns, values: (0..<count).map { Self.value(statement, $0) }))
        }
        for row in rows { onRow(row) }
        return true
    }

    func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
        sqlite_nio_sqlite3_close(handle)
        handle = nil
    }

    private func bind(_ value: SQLiteData, at index: Int32, in statement: OpaquePointer) -> Bool {
        let code: Int32
        switch value {
        case .integer(let integer): code = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): code = sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .text(let text): code = sqlite_nio_sqlite3_bind_text(statement, index, text, -1, Self.transient)
        case .blob(let buffer):
            code = buffer.withUnsafeReadableBytes { bytes in
                sqlite_nio_sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
            }
        case .null: code = sqlite_nio_sqlite3_bind_null(statement, index)
        }
        return code == SQLITE_OK
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private static func value(_ statement: OpaquePointer, _ column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(SQLiteInt64(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column), length > 0 {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }
}

/// A row read inline, decoded as sqlite-kit decodes its own.
private struct InlineRow: SQLRow {
    let columns: [String]
    let values: [SQLiteData]

    var allColumns: [String] { columns }

    func contains(column: String) -> Bool { columns.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.firstIndex(of: column) else { return true }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = columns.firstIndex(of: column) else {
            throw DecodingError.keyNotFound(
                SQLiteInlineColumn(column), .init(codingPath: [], debugDescription: "No value associated with key '\(column)'."))
        }
        if let value = Self.direct(values[index], as: D.self) { return value }
        return try SQLiteDataDecoder().decode(D.self, from: values[index])
    }

    /// The common column types without the generic decoder (a list page decodes hundreds of
    /// values a request). Anything else, or a stored value of another kind, takes the decoder.
    private static func direct<D>(_ value: SQLiteData, as type: D.Type) -> D? {
        switch value {
        case .integer(let integer):
            if D.self == Int.self || D.self == Int?.self { return Int(integer) as? D }
            if D.self == Bool.self || D.self == Bool?.self { return (integer != 0) as? D }
            if D.self == Date.self || D.self == Date?.self { return Date(timeIntervalSince1970: Double(integer)) as? D }
        case .float(let double):
            if D.self == Double.self || D.self == Double?.self { return double as? D }
            if D.self == Date.self || D.self == Date?.self { return Date(timeIntervalSince1970: double) as? D }
        case .text(let text):
            if D.self == String.self || D.self == String?.self { return text as? D }
        case .null:
            if D.self == Int?.self { return Int?.none as? D }
            if D.self == String?.self { return String?.none as? D }
            if D.self == Date?.self { return Date?.none as? D }
        case .blob:
            break
        }
        return nil
    }
}

private struct SQLiteInlineColumn: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
