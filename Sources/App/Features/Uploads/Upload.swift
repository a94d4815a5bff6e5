import Fluent
import Foundation

/// An uploaded image, stored once per content hash under `CANYU_UPLOADS_DIR`.
final class Upload: Model, @unchecked Sendable {
    static let schema = "uploads"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// Hex SHA-256 of the bytes; also the file's name.
    @Field(key: "sha256") var sha256: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_size") var byteSize: Int
    @Parent(key: "uploader_id") var uploader: User
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(sha256: String, contentType: String, byteSize: Int, uploaderID: Int, createdAt: Date) {
        self.sha256 = sha256
        self.contentType = contentType
        self.byteSize = byteSize
        self.$uploader.id = uploaderID
        self.createdAt = createdAt
    }

    /// `<hash>.<ext>`: the name in URLs and on disk.
    var fileName: String { sha256 + "." + (ImageType(contentType: contentType)?.fileExtension ?? "bin") }
    var url: String { SiteURL.upload(fileName).path }
}
