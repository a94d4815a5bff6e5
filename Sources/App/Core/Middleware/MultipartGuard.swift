import Vapor

/// MultipartKit 4.7 traps (index out of range) on a byte above 127 in a part's header name,
/// which would let one request stop the server; such bodies are refused before it sees them.
enum MultipartGuard {
    static func headerNamesAreASCII(_ bytes: [UInt8], boundary: String) -> Bool {
        let delimiter = Array(("--" + boundary).utf8)
        guard !delimiter.isEmpty, bytes.count >= delimiter.count else { return true }
        var index = 0
        while index + delimiter.count <= bytes.count {
            guard bytes[index..<(index + delimiter.count)].elementsEqual(delimiter) else {
                index += 1
                continue
            }
            var cursor = index + delimiter.count
            // A part's headers follow its delimiter line; check each header's name.
            if cursor + 1 < bytes.count, bytes[cursor] == 13, bytes[cursor + 1] == 10 {
                cursor += 2
                while cursor < bytes.count, bytes[cursor] != 13 {
                    while cursor < bytes.count, bytes[cursor] != 58, bytes[cursor] != 13 {
                        if bytes[cursor] > 127 { return false }
                        cursor += 1
                    }
                    while cursor < bytes.count, bytes[cursor] != 10 { cursor += 1 }
                    cursor += 1
                }
            }
            index = max(cursor, index + 1)
        }
        return true
    }
}

/// Runs `MultipartGuard` on every multipart request before any route or middleware decodes it.
/// It also reads the whole body first, so later steps (the CSRF check) find it collected.
struct MultipartGuardMiddleware: AsyncMiddleware {
    /// A post with images (up to four of 10 MB each, and the text) or a bug report (with a log too).
    static let maxBytes = max(4 * UploadStore.maxBytes + 1024 * 1024, BugReportForm.maxBytes)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.headers.contentType?.type == "multipart" else { return try await next.respond(to: request) }
        let body = try await request.body.collect(max: Self.maxBytes).get()
        guard let boundary = request.headers.contentType?.parameters["boundary"], !boundary.isEmpty else { throw CoreError.malformedBody }
        if let body, !MultipartGuard.headerNamesAreASCII(Array(body.readableBytesView), boundary: boundary) {
            throw CoreError.malformedBody
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// Decodes a form that may be multipart: a body the multipart parser can't read is the
    /// sender's mistake (400), never a server error.
    func decodeForm<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try content.decode(T.self)
        } catch let error as DecodingError {
            throw error
        } catch let error as any AbortError where error.status.code < 500 {
            throw error
        } catch {
            throw CoreError.malformedBody
        }
    }
}

