import Foundation
import VaporCSQLite

/// `canyu_rank(search_fts, length, df1, df2, …)`: FTS5's bm25 (k1 1.2, b 0.75, a title hit
/// counting four times a body hit) for SQLite, with the document's length and each query part's
/// document frequency passed in instead of looked up on every call.
///
/// - Frequencies: FTS5's own `bm25()` counts every document that holds each part, once per
///   query, to weigh rare parts above common ones. For 相机 in a million posts that count was
///   most of a search's time (125,000 matches; 今天 has 500,000, 10 ms), and it grows with the
///   forum. `SearchDocumentFrequencies` keeps those counts per node for a while instead; a part
///   whose count is not given weighs as much as the others.
/// - Length: the document's token count, kept in `search_documents.length` (the row a search
///   reads anyway, to check the post is visible) by `canyu_token_count`, which reads it from
///   FTS5's own record, so it is the length bm25 uses. 0 (not known) looks it up in FTS5's
///   record per row, as bm25 does, which was a seventh of a search's time.
///
/// Higher is better. A statement calls it once: what is the same for every row (the average
/// length, the parts' weights) is worked out from the first call's arguments and kept with the
/// cursor. Registered on every SQLite connection the process opens (`sqlite3_auto_extension`),
/// so the pool's readers, the writer and the inline readers all have it.
enum SearchRankFunction {
    static let name = "canyu_rank"
    /// `canyu_token_count(sz)`: the tokens of a document from its `search_fts_docsize.sz` record
    /// (one SQLite varint per column).
    static let tokenCountName = "canyu_token_count"
    static let titleWeight = 4.0
    static let bodyWeight = 1.0
    private static let k1 = 1.2
    private static let b = 0.75

    /// Registers both functions for every connection opened from now on; once per process.
    static func install() {
        _ = installed
    }

    private static let installed: Int32 = {
        let entry: @convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, OpaquePointer?) -> Int32 = { db, _, _ in
            SearchRankFunction.register(on: db)
        }
        return sqlite_nio_sqlite3_auto_extension(unsafeBitCast(entry, to: (@convention(c) () -> Void).self))
    }()

    /// Adds `canyu_token_count`, then asks the connection for its FTS5 API (the documented
    /// `SELECT fts5(?1)` handshake) and adds `canyu_rank` to it. A connection without FTS5 gets
    /// only the first.
    private static func register(on db: OpaquePointer?) -> Int32 {
        let code = sqlite_nio_sqlite3_create_function_v2(
            db, tokenCountName, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, _, values in SearchRankFunction.tokenCount(context, values) }, nil, nil, nil)
        guard code == SQLITE_OK else { return code }
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK else {
            sqlite_nio_sqlite3_finalize(statement)
            return SQLITE_OK
        }
        var api: UnsafeMutablePointer<fts5_api>?
        "fts5_api_ptr".withCString { type in
            withUnsafeMutablePointer(to: &api) { slot in
                if sqlite_nio_sqlite3_bind_pointer(statement, 1, slot, type, nil) == SQLITE_OK {
                    _ = sqlite_nio_sqlite3_step(statement)
                }
            }
        }
        sqlite_nio_sqlite3_finalize(statement)
        guard let api, api.pointee.iVersion >= 2, let create = api.pointee.xCreateFunction else { return SQLITE_OK }
        return create(api, name, nil, { api, fts, context, count, values in
            SearchRankFunction.score(api, fts, context, count, values)
        }, nil)
    }

    /// What is the same for every row of one query: the average length, and each part's weight.
    private struct QueryTotals {
        var averageLength: Double
        var phrases: Int
    }

    private static func score(
        _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ context: OpaquePointer?,
        _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        guard let api = api?.pointee, let columnSize = api.xColumnSize, let instCount = api.xInstCount, let inst = api.xInst,
            let totals = queryTotals(api, fts, count, values)
        else { return sqlite_nio_sqlite3_result_error_code(context, SQLITE_ERROR) }
        var size = Int32(clamping: count > 0 ? values.map { sqlite_nio_sqlite3_value_int64($0[0]) } ?? 0 : 0)
        var instances: Int32 = 0
        var code = size > 0 ? SQLITE_OK : columnSize(fts, -1, &size)
        if code == SQLITE_OK { code = instCount(fts, &instances) }
        guard code == SQLITE_OK else { return sqlite_nio_sqlite3_result_error_code(context, code) }
        let phrases = totals.pointee.phrases
        let lengthNorm = k1 * (1 - b + b * Double(size) / totals.pointee.averageLength)
        let weights = UnsafeMutableRawPointer(totals + 1).assumingMemoryBound(to: Double.self)
        let result: Double = withUnsafeTemporaryAllocation(of: Double.self, capacity: max(phrases, 1)) { frequencies in
            frequencies.initialize(repeating: 0)
            var phrase: Int32 = 0
            var column: Int32 = 0
            var offset: Int32 = 0
            for index in 0..<instances where inst(fts, index, &phrase, &column, &offset) == SQLITE_OK && Int(phrase) < phrases {
                frequencies[Int(phrase)] += column == 0 ? titleWeight : bodyWeight
            }
            var total = 0.0
            for index in 0..<phrases {
                let frequency = frequencies[index]
                total += weights[index] * (frequency * (k1 + 1)) / (frequency + lengthNorm)
            }
            return total
        }
        sqlite_nio_sqlite3_result_double(context, result)
    }

    /// Worked out on a query's first row and kept with its cursor (FTS5's auxiliary data, freed
    /// with it): the totals followed by one weight per part.
    private static func queryTotals(
        _ api: Fts5ExtensionApi, _ fts: OpaquePointer?, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) -> UnsafeMutablePointer<QueryTotals>? {
        guard let getAux = api.xGetAuxdata, let setAux = api.xSetAuxdata, let rowCount = api.xRowCount,
            let totalSize = api.xColumnTotalSize, let phraseCount = api.xPhraseCount
        else { return nil }
        if let kept = getAux(fts, 0) { return kept.assumingMemoryBound(to: QueryTotals.self) }
        var rows: Int64 = 0
        var tokens: Int64 = 0
        guard rowCount(fts, &rows) == SQLITE_OK, totalSize(fts, -1, &tokens) == SQLITE_OK else { return nil }
        let phrases = Int(phraseCount(fts))
        let bytes = MemoryLayout<QueryTotals>.stride + max(phrases, 1) * MemoryLayout<Double>.stride
        guard let memory = sqlite_nio_sqlite3_malloc64(UInt64(bytes)) else { return nil }
        let totals = memory.bindMemory(to: QueryTotals.self, capacity: 1)
        totals.initialize(to: QueryTotals(averageLength: rows > 0 ? max(Double(tokens) / Double(rows), 1) : 1, phrases: phrases))
        let weights = UnsafeMutableRawPointer(totals + 1).bindMemory(to: Double.self, capacity: max(phrases, 1))
        // The first argument is the length; the frequencies follow.
        for index in 0..<phrases { weights[index] = idf(of: index + 1, count, values, rows: rows) }
        guard setAux(fts, memory, { sqlite_nio_sqlite3_free($0) }) == SQLITE_OK else { return nil }
        return totals
    }

    /// As FTS5's bm25: log((N - n + 0.5) / (n + 0.5)), at least 1e-6 so a part in most
    /// documents still counts a little. Without a count for the part: 1.
    private static func idf(of argument: Int, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?, rows: Int64) -> Double {
        guard argument < Int(count), let values, let value = values[argument], sqlite_nio_sqlite3_value_type(value) == SQLITE_INTEGER else { return 1 }
        let matches = Double(sqlite_nio_sqlite3_value_int64(value))
        return max(log((Double(rows) - matches + 0.5) / (matches + 0.5)), 1e-6)
    }

    private static func tokenCount(_ context: OpaquePointer?, _ values: UnsafeMutablePointer<OpaquePointer?>?) {
        guard let value = values?[0], let blob = sqlite_nio_sqlite3_value_blob(value) else { return sqlite_nio_sqlite3_result_int64(context, 0) }
        let bytes = UnsafeBufferPointer(start: blob.assumingMemoryBound(to: UInt8.self), count: Int(sqlite_nio_sqlite3_value_bytes(value)))
        var total: Int64 = 0
        var index = 0
        while index < bytes.count {
            let (column, used) = varint(bytes, from: index)
            guard used > 0 else { break }
            total += column
            index += used
        }
        sqlite_nio_sqlite3_result_int64(context, total)
    }

    /// SQLite's variable-length integer: seven bits a byte, high bit set while more follow; a
    /// ninth byte gives all its eight bits. Returns the value and the bytes it took (0: cut short).
    private static func varint(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int64, Int) {
        var value: UInt64 = 0
        for offset in 0..<9 {
            guard start + offset < bytes.count else { return (0, 0) }
            let byte = bytes[start + offset]
            if offset == 8 { return (Int64(bitPattern: value << 8 | UInt64(byte)), 9) }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return (Int64(bitPattern: value), offset + 1) }
        }
        return (0, 0)
    }
}
