import Vapor

/// A bug report as a page's form or an API call sends it: JSON, a urlencoded form, or
/// multipart with up to four screenshots (`screenshot_1` … `screenshot_4`) and a `log` file.
struct BugReportForm: Content {
    var title: String?
    var module: String?
    /// The build's id (a release of the product); text, since a form sends "" for none.
    var build: String?
    var device_model: String?
    var steps: String?
    var expected: String?
    var actual: String?
    var frequency: String?
    var screenshot_1, screenshot_2, screenshot_3, screenshot_4: File?
    var log: File?

    static func decode(_ req: Request) throws -> BugReportForm {
        try req.decodeForm(BugReportForm.self)
    }

    func report() throws -> BugsService.Report {
        BugsService.Report(
            title: title, moduleKey: module, releaseID: try Self.buildID(build), deviceModel: device_model, steps: steps, expected: expected,
            actual: actual, frequency: frequency,
            screenshots: [screenshot_1, screenshot_2, screenshot_3, screenshot_4].compactMap(Self.incoming),
            log: Self.incoming(log))
    }

    static func incoming(_ file: File?) -> BugAttachments.Incoming? {
        guard let file, file.data.readableBytes > 0 else { return nil }
        return BugAttachments.Incoming(data: file.data, fileName: file.filename)
    }

    /// "" and nil are no build; anything else must be a build's id.
    static func buildID(_ raw: String?) throws -> Int? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let id = Int(raw), id > 0 else { throw CoreError.invalidField(field: "build", messageKey: "bugs.invalid.build") }
        return id
    }

    /// The largest report: four screenshots, a log and the text.
    static let maxBytes = BugRules.screenshotsMax * UploadStore.maxBytes + BugRules.logMaxBytes + 1024 * 1024
}
