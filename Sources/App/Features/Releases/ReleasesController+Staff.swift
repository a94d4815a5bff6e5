import Fluent
import Vapor

/// The staff's forms on release pages: a new build, its changes, promotion, rollout, the
/// calendar, and running a phase of the train by hand.
extension ReleasesController {
    struct NewReleaseForm: Content {
        var version: String?
        var notes: String?
        var download_url: String?
    }

    func createRelease(req: Request) async throws -> Response {
        let product = try await slugProduct(req)
        do {
            let form = try req.content.decode(NewReleaseForm.self)
            let release = try await ReleasesService(req).create(
                in: product, .init(version: form.version, notes: form.notes, downloadURL: form.download_url), by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.release(.value(try release.requireID())).path)
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderProduct(req, product: product, error: formError.message, status: status)
        }
    }

    struct ChangeForm: Content {
        var title: String?
        var description: String?
        var module: String?
        var team: String?
        var idea_id: String?
        var half_finished: String?
    }

    func addChange(req: Request) async throws -> Response {
        let id = try req.idParameter()
        return try await staffAction(req, id: id) {
            let form = try req.content.decode(ChangeForm.self)
            let ideaText = (form.idea_id ?? "").trimmingCharacters(in: .whitespaces).trimmingPrefix("#")
            guard ideaText.isEmpty || Int(ideaText) != nil else { throw CoreError.invalidField(field: "idea_id", messageKey: "releases.invalid.idea") }
            _ = try await ReleasesService(req).addChange(
                to: id,
                .init(title: form.title, description: form.description, moduleKey: form.module, team: (form.team ?? "").isEmpty ? nil : form.team,
                      ideaID: Int(ideaText), halfFinished: form.half_finished != nil),
                by: try req.auth.require(User.self))
        }
    }

    struct PromoteForm: Content {
        var ring: String?
    }

    func promote(req: Request) async throws -> Response {
        let id = try req.idParameter()
        return try await staffAction(req, id: id) {
            let form = try req.content.decode(PromoteForm.self)
            _ = try await ReleasesService(req).promote(id, to: try ReleaseRing.parse(form.ring), by: try req.auth.require(User.self))
        }
    }

    struct RolloutForm: Content {
        var percent: String?
        var action: String?
    }

    func rollout(req: Request) async throws -> Response {
        let id = try req.idParameter()
        return try await staffAction(req, id: id) {
            let form = try req.content.decode(RolloutForm.self)
            let change: ReleasesService.RolloutChange
            switch form.action {
            case "pause": change = .pause
            case "resume": change = .resume
            default:
                guard let percent = form.percent.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                    throw CoreError.invalidField(field: "percent", messageKey: "releases.invalid.rollout")
                }
                change = .percent(percent)
            }
            _ = try await ReleasesService(req).rollout(id, change, by: try req.auth.require(User.self))
        }
    }

    func closeReport(req: Request) async throws -> Response {
        let id = try req.idParameter()
        return try await staffAction(req, id: id) {
            _ = try await ReleasesService(req).closeReport(id, by: try req.auth.require(User.self))
        }
    }

    /// Runs a staff action on a release page: back to the page on success, the page with the
    /// error otherwise.
    private func staffAction(_ req: Request, id: Int, _ action: () async throws -> Void) async throws -> Response {
        do {
            try await action()
            return req.redirect(to: SiteURL.release(.value(id)).path + "?notice=saved")
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderShow(req, id: id, error: formError.message, status: status)
        }
    }

    struct CalendarForm: Content {
        var cadence: String?
        var report_days: String?
        var report_weekday, preview_weekday, closed_beta_weekday, release_weekday: String?
        var report_time, preview_time, closed_beta_time, release_time: String?
    }

    func updateCalendar(req: Request) async throws -> Response {
        let product = try await slugProduct(req)
        do {
            let form = try req.content.decode(CalendarForm.self)
            guard let days = form.report_days.flatMap({ Int($0) }) else {
                throw CoreError.invalidField(field: "report_days", messageKey: "admin.invalid.number", arguments: ["1", "14"])
            }
            let input = ReleasesService.CalendarInput(
                cadence: form.cadence, reportDays: days,
                slots: [.report: (form.report_weekday.flatMap { Int($0) }, form.report_time),
                        .preview: (form.preview_weekday.flatMap { Int($0) }, form.preview_time),
                        .closedBeta: (form.closed_beta_weekday.flatMap { Int($0) }, form.closed_beta_time),
                        .release: (form.release_weekday.flatMap { Int($0) }, form.release_time)])
            _ = try await ReleasesService(req).updateCalendar(of: product.requireID(), input, by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.productReleases(product.slug).path + "?notice=saved")
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderProduct(req, product: product, error: formError.message, status: status)
        }
    }

    struct TriggerForm: Content {
        var phase: String?
    }

    func trigger(req: Request) async throws -> Response {
        let product = try await slugProduct(req)
        do {
            let form = try req.content.decode(TriggerForm.self)
            let phase = try TrainPhase.parse(form.phase)
            _ = try await ReleaseTrain(ReleasesService(req)).trigger(phase, of: product, by: try req.auth.require(User.self))
            return req.redirect(to: SiteURL.productReleases(product.slug).path + "?notice=triggered")
        } catch {
            let (formError, status) = try FormError.from(error, on: req)
            return try await renderProduct(req, product: product, error: formError.message, status: status)
        }
    }
}
