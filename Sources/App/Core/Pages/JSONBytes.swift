import Foundation
import NIOCore
import Vapor

/// JSON as the API writes it (configure.swift's content encoder), for responses encoded once
/// and served from a cache many times.
enum JSONBytes {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .withoutEscapingSlashes
        return encoder
    }

    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(data: try encoder().encode(value))
    }

    /// A 200 answer with JSON already written (cached, or by `JSONWriter`).
    static func response(_ body: ByteBuffer) -> Response {
        let response = Response(status: .ok, body: .init(buffer: body))
        response.headers.contentType = .json
        return response
    }
}
