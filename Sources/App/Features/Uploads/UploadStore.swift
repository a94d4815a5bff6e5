import Crypto
import Fluent
import Foundation
import Vapor

/// Saves uploaded images under `CANYU_UPLOADS_DIR/images/` by content hash: the same picture
/// uploaded twice is stored once, and a file never changes once written (so it can be cached
/// for ever). The file is written to a temporary name and renamed, so a reader never sees half.
struct UploadStore {
    static let maxBytes = 10 * 1024 * 1024

    let db: any Database
    let directory: String
    let clock: any AppClock
    /// Writing a file blocks; handlers run on the event loops, so it happens here instead.
    let threadPool: NIOThreadPool

    init(_ req: Request) { self.init(req.application, db: req.db) }

    init(_ app: Application, db: any Database) {
        self.db = db
        directory = app.config.uploadsDirectory
        clock = app.clock
        threadPool = app.threadPool
    }

    var imagesDirectory: String { (directory as NSString).appendingPathComponent("images") }

    func saveImage(_ bytes: ByteBuffer, by uploader: User) async throws -> Upload {
        guard bytes.readableBytes <= Self.maxBytes else { throw ForumError.imageTooLarge }
        guard let type = ImageType(sniffing: bytes.readableBytesView) else { throw ForumError.imageType }
        let digest = SHA256.hash(data: bytes.readableBytesView)
        let hash = SecureToken.hex(digest)
        if let existing = try await Upload.query(on: db).filter(\.$sha256 == hash).first() { return existing }
        let upload = Upload(sha256: hash, contentType: type.contentType, byteSize: bytes.readableBytes, uploaderID: try uploader.requireID(), createdAt: clock.now())
        let (folder, target) = (imagesDirectory, path(of: upload.fileName))
        try await threadPool.runIfActive { try Self.write(bytes, to: target, in: folder) }
        do {
            try await upload.create(on: db)
        } catch where isConstraintViolation(error) {
            // The same image, uploaded at the same moment by someone else: theirs is ours.
            if let existing = try await Upload.query(on: db).filter(\.$sha256 == hash).first() { return existing }
            throw error
        }
        return upload
    }

    func path(of fileName: String) -> String {
        (imagesDirectory as NSString).appendingPathComponent(fileName)
    }

    /// Writes a file whose name is its content's hash, once, atomically (other areas' files too).
    static func write(_ bytes: ByteBuffer, to path: String, in folder: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) { return }
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".tmp-" + UUID().uuidString
        guard manager.createFile(atPath: temporary, contents: Data(bytes.readableBytesView)) else {
            throw Abort(.internalServerError, reason: "cannot write to the uploads directory")
        }
        if rename(temporary, path) != 0 {
            try? manager.removeItem(atPath: temporary)
            throw Abort(.internalServerError, reason: "cannot store the upload")
        }
    }

    /// A file name as it appears in `/uploads/<name>`: a hash and a known image extension.
    static func isValidName(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
            ImageType(fileExtension: String(parts[1])) != nil
        else { return false }
        return true
    }
}

