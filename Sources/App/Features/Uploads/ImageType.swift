import Foundation

/// The image formats posts accept, recognised by their first bytes (never by the file name).
enum ImageType: String, CaseIterable, Sendable {
    case png, jpeg, gif, webp

    init?(sniffing bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(12))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) {
            self = .gif
        } else if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) {
            self = .webp
        } else {
            return nil
        }
    }

    init?(contentType: String) {
        guard let type = Self.allCases.first(where: { $0.contentType == contentType }) else { return nil }
        self = type
    }

    init?(fileExtension: String) {
        guard let type = Self.allCases.first(where: { $0.fileExtension == fileExtension }) else { return nil }
        self = type
    }

    var contentType: String { "image/\(rawValue)" }
    var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
}
