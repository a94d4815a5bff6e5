import Vapor

/// Serves uploaded images with their type and a year-long, immutable cache (the name is the
/// content's hash, so it can never change).
struct UploadsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("uploads", ":name", use: serve)
    }

    func serve(req: Request) async throws -> Response {
        guard let name = req.parameters.get("name"), UploadStore.isValidName(name),
            let type = ImageType(fileExtension: String(name.split(separator: ".")[1]))
        else { throw CoreError.notFound }
        let path = UploadStore(req).path(of: name)
        guard FileManager.default.fileExists(atPath: path) else { throw CoreError.notFound }
        let response = try await req.fileio.asyncStreamFile(at: path, mediaType: HTTPMediaType(type: "image", subType: type.rawValue))
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
