import Fluent
import Foundation
import Vapor

/// A service that needs the database, the clock and the community's time zone, built the same
/// way from a request (pages, API) or from the application (commands, demo, tests).
protocol CommunityService {
    init(db: any Database, clock: any AppClock, timeZone: TimeZone)
}

extension CommunityService {
    init(_ req: Request) {
        self.init(db: req.db, clock: req.application.clock, timeZone: req.application.config.timeZone)
    }

    init(_ app: Application) {
        self.init(db: app.db, clock: app.clock, timeZone: app.config.timeZone)
    }
}
