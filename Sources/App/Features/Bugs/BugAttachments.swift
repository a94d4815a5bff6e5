import Crypto
import Fluent
import Foundation
import Vapor

/// A bug's files. Screenshots are images stored as the forum's are (public, `/uploads/…`). Log
/// files can carry personal data: they are kept apart, under `CANYU_UPLOADS_DIR/logs/` by
/// content hash, and served only through the bug, to those who may see its private parts.
struct BugAttachments: Sendable {
    /// A file as it arrived, before any check.
    struct Incoming: Sendable {
        let data: ByteBuffer
        let fileName: String
    }

    /// A file checked by its content.
    struct Checked: Sendable {
        let incoming: Incoming
        let contentType: String
    }

    /// A file on disk, waiting for its bug's id.
    struct Stored: Sendable {
        let kind: BugAttachment.Kind
        let uploadID: Int?
        let fileName: String
        let sha256: String
        let contentType: String
        let byteSize: Int

        func attachment(to bugID: Int, at now: Date) -> BugAttachment {
            let row = BugAttachment()
            row.$bug.id = bugID
            row.kind = kind
            row.uploadID = uploadID
            row.fileName = fileName
            row.sha256 = sha256
            row.contentType = contentType
            row.byteSize = byteSize
            row.createdAt = now
            return row
        }
    }

    let app: Application

    init(_ app: Application) { self.app = app }

    var logsDirectory: String { (app.config.uploadsDirectory as NSString).appendingPathComponent("logs") }

    func logPath(_ attachment: BugAttachment) -> String {
        (logsDirectory as NSString).appendingPathComponent(attachment.sha256 + (attachment.contentType == "application/zip" ? ".zip" : ".txt"))
    }

    static func checkScreenshot(_ file: Incoming) throws -> Checked {
        guard file.data.readableBytes <= UploadStore.maxBytes else { throw BugError.attachmentTooLarge }
        guard let type = ImageType(sniffing: file.data.readableBytesView) else { throw BugError.attachmentType }
        return Checked(incoming: file, contentType: type.contentType)
    }

    /// A log is a zip archive (by its signature) or plain UTF-8 text without NUL bytes; the
    /// name is never trusted.
    static func checkLog(_ file: Incoming) throws -> Checked {
        guard file.data.readableBytes <= BugRules.logMaxBytes else { throw BugError.attachmentTooLarge }
        let bytes = file.data.readableBytesView
        guard !bytes.isEmpty else { throw BugError.attachmentType }
        let head = Array(bytes.prefix(4))
        if head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06] {
            return Checked(incoming: file, contentType: "application/zip")
        }
        guard !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else { throw BugError.attachmentType }
        return Checked(incoming: file, contentType: "text/plain; charset=utf-8")
    }

    func storeScreenshot(_ file: Checked, by uploader: User, on db: any Database) async throws -> Stored {
        let upload = try await UploadStore(app, db: db).saveImage(file.incoming.data, by: uploader)
        return Stored(
            kind: .screenshot, uploadID: try upload.requireID(), fileName: Self.displayName(file.incoming.fileName, fallback: upload.fileName),
            sha256: upload.sha256, contentType: upload.contentType, byteSize: upload.byteSize)
    }

    func storeLog(_ file: Checked) async throws -> Stored {
        let hash = SecureToken.hex(SHA256.hash(data: file.incoming.data.readableBytesView))
        let stored = Stored(
            kind: .log, uploadID: nil, fileName: Self.displayName(file.incoming.fileName, fallback: "log"), sha256: hash,
            contentType: file.contentType, byteSize: file.incoming.data.readableBytes)
        let row = stored.attachment(to: 0, at: Date())
        let (folder, path, bytes) = (logsDirectory, logPath(row), file.incoming.data)
        try await app.threadPool.runIfActive { try UploadStore.write(bytes, to: path, in: folder) }
        return stored
    }

    /// The name shown beside the file: the sender's, without any path, at most 100 characters.
    static func displayName(_ raw: String, fallback: String) -> String {
        let name = String(raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? fallback : String(name.prefix(100))
    }
}
