import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor

@testable import App

/// Reads answered on an event loop's own connection decode exactly as the pool's do, and
/// anything the inline path cannot answer is left to the pool.
@Suite("SQLite reads on the event loop")
struct SQLiteInlineReadsTests {
    struct Probe: Equatable, Sendable {
        let int: Int, double: Double, text: String, data: Data, missing: Int?, date: Date, flag: Bool
    }

    static let select = "SELECT i, r, t, b, n, d, f FROM inline_probe WHERE i = ?1"

    static func probe(_ row: any SQLRow) throws -> Probe {
        Probe(
            int: try row.decode(column: "i", as: Int.self), double: try row.decode(column: "r", as: Double.self),
            text: try row.decode(column: "t", as: String.self), data: try row.decode(column: "b", as: Data.self),
            missing: try row.decode(column: "n", as: Int?.self), date: try row.decode(column: "d", as: Date.self),
            flag: try row.decode(column: "f", as: Bool.self))
    }

    @Test func inline_reads_decode_like_the_pool_and_leave_the_rest_to_it() async throws {
        try await withTestApp { app in
            guard case .sqliteFile(let path) = app.config.storage, let sql = app.db as? any SQLDatabase else { return }
            try await sql.raw("CREATE TABLE inline_probe (i INTEGER, r REAL, t TEXT, b BLOB, n INTEGER, d REAL, f INTEGER)").run()
            let date = Date(timeIntervalSince1970: 1_790_000_000.25)
            try await sql.raw("""
                INSERT INTO inline_probe VALUES (\(bind: 42), \(bind: 2.5), \(bind: "米粉 ✓ \"quoted\""), \(bind: Data([0, 1, 254, 255])),
                \(bind: Int?.none), \(bind: date), \(bind: true))
                """).run()
            let pooled = try Self.probe(try #require(try await sql.raw("SELECT i, r, t, b, n, d, f FROM inline_probe WHERE i = \(bind: 42)").first()))

            let readers = SQLiteInlineReaders(path: path)
            let loop = app.eventLoopGroup.any()
            let inline: (Bool, [Probe]) = try await loop.submit {
                var probes: [Probe] = []
                let answered = readers.read(Self.select, [42], on: loop) { row in probes.append(try! Self.probe(row)) }
                return (answered, probes)
            }.get()
            #expect(inline.0)
            #expect(inline.1 == [pooled])
            #expect(pooled.text == "米粉 ✓ \"quoted\"" && pooled.missing == nil && pooled.flag && pooled.date == date)

            // Twice more: the second time from the statement cache, once with no row.
            let again: (Bool, Int, Bool, Int) = try await loop.submit {
                var first = 0, second = 0
                let a = readers.read(Self.select, [42], on: loop) { _ in first += 1 }
                let b = readers.read(Self.select, [7], on: loop) { _ in second += 1 }
                return (a, first, b, second)
            }.get()
            #expect(again == (true, 1, true, 0))

            // An error is not answered inline (the pool reports it as usual), nor is anything after shutdown.
            let broken = try await loop.submit { readers.read("SELEC nothing", [], on: loop) { _ in } }.get()
            #expect(!broken)
            readers.shutdown()
            let closed = try await loop.submit { readers.read(Self.select, [42], on: loop) { _ in } }.get()
            #expect(!closed)
        }
    }
}
