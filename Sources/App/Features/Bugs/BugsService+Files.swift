import Fluent
import Foundation
import Vapor

extension BugsService {
    /// Adds a screenshot or a log to a bug already filed (after a JSON report): by its reporter
    /// or a triager, within the same limits as a report.
    func attach(_ bugID: Int, screenshot: BugAttachments.Incoming?, log: BugAttachments.Incoming?, by user: User) async throws -> Bug {
        let bug = try await bug(bugID)
        let mayTriage = try await BugsPolicy.canTriage(user, product: bug.$product.id, on: db)
        guard user.id == bug.$reporter.id || mayTriage else { throw CoreError.forbidden }
        guard screenshot != nil || log != nil else { throw CoreError.invalidField(field: "screenshot", messageKey: "bugs.invalid.attachment") }
        let shot = try screenshot.map { try BugAttachments.checkScreenshot($0) }
        let logFile = try log.map { try BugAttachments.checkLog($0) }
        if shot != nil {
            let count = try await BugAttachment.query(on: db).filter(\.$bug.$id == bugID).filter(\.$kind == .screenshot).count()
            guard count < BugRules.screenshotsMax else { throw BugError.tooManyScreenshots }
        }
        let now = clock.now()
        if let shot { try await attachments.storeScreenshot(shot, by: user, on: db).attachment(to: bugID, at: now).create(on: db) }
        if let logFile { try await attachments.storeLog(logFile).attachment(to: bugID, at: now).create(on: db) }
        return bug
    }

    /// A bug's file as a viewer may have it: screenshots for everyone, logs only for those who
    /// may see the bug's private parts (for others they do not exist).
    func attachment(_ fileID: Int, of bugID: Int, for viewer: User?) async throws -> BugAttachment {
        let bug = try await bug(bugID)
        guard let file = try await BugAttachment.query(on: db).filter(\.$id == fileID).filter(\.$bug.$id == bugID).first() else { throw CoreError.notFound }
        if file.kind == .log, !(try await BugsPolicy.canSeePrivate(viewer, bug: bug, on: db)) { throw CoreError.notFound }
        return file
    }
}
