/// The releases area's part of the OpenAPI document.
enum ReleasesAPIPaths {
    private static let slugParameter: JSONValue = ["name": "slug", "in": "path", "required": true, "schema": ["type": "string"]]
    private static let rings: JSONValue = .array(ReleaseRing.allCases.map { .string($0.rawValue) })
    private static let phases: JSONValue = .array(TrainPhase.allCases.map { .string($0.rawValue) })
    private static let nullableInteger: JSONValue = ["type": ["integer", "null"]]
    private static let nullableNumber: JSONValue = ["type": ["number", "null"]]
    private static let weekday: JSONValue = ["type": "integer", "minimum": 1, "maximum": 7]
    private static let time: JSONValue = ["type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"]
    private static let manageErrors: [String: JSONValue] = [
        "403": OpenAPI.error("Not staff or the product's team"), "404": OpenAPI.error("No such release or product"),
        "409": OpenAPI.error("Not possible in the release's state"),
    ]

    private static func merged(_ own: [String: JSONValue], _ shared: [String: JSONValue] = manageErrors) -> [String: JSONValue] {
        own.merging(shared) { mine, _ in mine }
    }

    static let paths: JSONValue = [
        "/products/{slug}/releases": [
            "get": OpenAPI.operation(
                "listReleases", summary: "A product's releases the caller may see (inner rings need the tier's privileges), newest first", tag: "releases",
                parameters: [slugParameter],
                responses: ["200": OpenAPI.response("Releases", ["type": "array", "items": OpenAPI.ref("Release")]), "404": OpenAPI.error("No such product")]),
            "post": OpenAPI.operation(
                "createRelease", summary: "Create a build in the internal ring (staff and the product's team)", tag: "releases",
                body: OpenAPI.object(
                    ["version": ["type": "string", "minLength": 1, "maxLength": 40], "notes": ["type": "string", "maxLength": 20000],
                     "download_url": ["type": "string", "maxLength": 500]], required: ["version"]),
                parameters: [slugParameter], authenticated: true,
                responses: merged(["201": OpenAPI.response("Created", OpenAPI.ref("Release")), "409": OpenAPI.error("Version taken")])),
        ],
        "/products/{slug}/calendar": [
            "get": OpenAPI.operation(
                "getReleaseCalendar", summary: "The product's train calendar and where this week's train is", tag: "releases", parameters: [slugParameter],
                responses: ["200": OpenAPI.response("The calendar", OpenAPI.ref("TrainCalendar")), "404": OpenAPI.error("No such product")]),
            "put": OpenAPI.operation(
                "updateReleaseCalendar", summary: "Change the cadence, the report's length or a phase's weekday and time (staff and the product's team)",
                tag: "releases",
                body: OpenAPI.object(
                    ["cadence": ["type": "string", "enum": .array(TrainCadence.allCases.map { .string($0.rawValue) })],
                     "report_days": ["type": "integer", "minimum": 1, "maximum": 14],
                     "report_weekday": weekday, "report_time": time, "preview_weekday": weekday, "preview_time": time,
                     "closed_beta_weekday": weekday, "closed_beta_time": time, "release_weekday": weekday, "release_time": time], required: []),
                parameters: [slugParameter], authenticated: true,
                responses: merged(["200": OpenAPI.response("The calendar", OpenAPI.ref("TrainCalendar"))])),
        ],
        "/products/{slug}/train": [
            "post": OpenAPI.operation(
                "triggerTrainPhase", summary: "Run a phase of this week's train now (staff and the product's team); each phase runs once a week",
                tag: "releases", body: OpenAPI.object(["phase": ["type": "string", "enum": phases]], required: ["phase"]),
                parameters: [slugParameter], authenticated: true,
                responses: merged(["200": OpenAPI.response("The calendar", OpenAPI.ref("TrainCalendar")), "409": OpenAPI.error("The phase already ran this week")])),
        ],
        "/products/{slug}/weekly-ring": [
            "put": OpenAPI.operation(
                "joinWeeklyRing", summary: "Opt into the product's weekly builds, if your tier allows it", tag: "releases", parameters: [slugParameter],
                authenticated: true,
                responses: ["200": OpenAPI.response("Member", OpenAPI.ref("WeeklyRing")), "403": OpenAPI.error("Your tier has no weekly builds"),
                            "404": OpenAPI.error("No such product")]),
            "delete": OpenAPI.operation(
                "leaveWeeklyRing", summary: "Opt out of the product's weekly builds", tag: "releases", parameters: [slugParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Not a member", OpenAPI.ref("WeeklyRing")), "404": OpenAPI.error("No such product")]),
        ],
        "/products/{slug}/updates": [
            "get": OpenAPI.operation(
                "checkForUpdate",
                summary: "Which build a device should install: the newest of its ring or an outer one, stable builds by the device's rollout bucket",
                tag: "releases",
                parameters: [
                    slugParameter,
                    ["name": "device_id", "in": "query", "required": true, "schema": ["type": "string", "minLength": 1, "maxLength": 128]],
                    ["name": "current_version", "in": "query", "required": true, "schema": ["type": "string", "minLength": 1, "maxLength": 40]],
                    ["name": "ring", "in": "query", "required": false, "schema": ["type": "string", "enum": rings]],
                ],
                responses: ["200": OpenAPI.response("The answer", OpenAPI.ref("UpdateAnswer")), "401": OpenAPI.error("Inner rings need a token"),
                            "403": OpenAPI.error("Not in that ring"), "404": OpenAPI.error("No such product"), "422": OpenAPI.error("A parameter is missing or malformed")]),
        ],
        "/releases/{id}": [
            "get": OpenAPI.operation(
                "getRelease", summary: "A release with its changelog, credits, ring, rollout and report window; notes and download for its ring only", tag: "releases", parameters: [OpenAPI.idParameter],
                responses: ["200": OpenAPI.response("The release", OpenAPI.ref("Release")), "404": OpenAPI.error("No such release, or not for your ring")]),
        ],
        "/releases/{id}/changes": [
            "post": OpenAPI.operation(
                "addReleaseChange", summary: "Add a change to the changelog before the build reaches the weekly ring", tag: "releases",
                body: OpenAPI.object(
                    ["title": ["type": "string", "minLength": 2, "maxLength": 120], "description": ["type": "string", "maxLength": 2000],
                     "module": OpenAPI.string, "team": ["type": "string", "maxLength": 60], "idea_id": OpenAPI.integer, "half_finished": ["type": "boolean"]],
                    required: ["title"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: merged(["201": OpenAPI.response("Added", OpenAPI.ref("ReleaseChange"))])),
        ],
        "/releases/{id}/promote": [
            "post": OpenAPI.operation(
                "promoteRelease", summary: "Move the build outward one ring (staff may skip rings); the weekly ring publishes it, stable starts the rollout",
                tag: "releases", body: OpenAPI.object(["ring": ["type": "string", "enum": rings]], required: ["ring"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: merged(["200": OpenAPI.response("Promoted", OpenAPI.ref("Release")), "403": OpenAPI.error("Not allowed, or skipping rings without the right"),
                                   "409": OpenAPI.error("Not forward")])),
        ],
        "/releases/{id}/rollout": [
            "post": OpenAPI.operation(
                "steerRollout", summary: "Set a stable build's rollout percentage, or pause or resume it", tag: "releases",
                body: OpenAPI.object(["percent": ["type": "integer", "minimum": 0, "maximum": 100], "pause": ["type": "boolean"], "resume": ["type": "boolean"]], required: []),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: merged(["200": OpenAPI.response("Steered", OpenAPI.ref("Release")), "409": OpenAPI.error("Not a stable build")])),
        ],
        "/releases/{id}/report": [
            "get": OpenAPI.operation(
                "getMyReport", summary: "Your four-grid report on this build", tag: "releases", parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Your report", OpenAPI.ref("FourGridReport")), "404": OpenAPI.error("No report yet, or no such release")]),
            "put": OpenAPI.operation(
                "fileReport", summary: "File or edit your four-grid report while it is open (members of the build's ring)", tag: "releases",
                body: OpenAPI.object(
                    ["liked_change_id": OpenAPI.integer, "weak_change_id": OpenAPI.integer, "anticipated_idea_id": OpenAPI.integer,
                     "anticipated_text": ["type": "string", "maxLength": 200], "rating": ["type": "integer", "minimum": 1, "maximum": 5]],
                    required: ["liked_change_id", "weak_change_id", "rating"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Filed", OpenAPI.ref("FourGridReport")), "403": OpenAPI.error("Not in the build's ring"),
                            "404": OpenAPI.error("No such release"), "409": OpenAPI.error("The report is not open")]),
        ],
        "/releases/{id}/report/close": [
            "post": OpenAPI.operation(
                "closeReport", summary: "Close the build's open four-grid report now and give the Popcorn Award (staff and the product's team)",
                tag: "releases", parameters: [OpenAPI.idParameter], authenticated: true,
                responses: merged(["200": OpenAPI.response("Closed", OpenAPI.ref("Release")), "409": OpenAPI.error("The report is not open")])),
        ],
        "/releases/{id}/report/summary": [
            "get": OpenAPI.operation(
                "getReportSummary", summary: "The build's four-grid results: per change, anticipated ideas, ratings and the 12-build trend", tag: "releases",
                parameters: [OpenAPI.idParameter],
                responses: ["200": OpenAPI.response("Results", OpenAPI.ref("ReportSummary")), "404": OpenAPI.error("No such release, or not for your ring")]),
        ],
    ]

    private static let person: JSONValue = OpenAPI.object(["id": OpenAPI.integer, "name": OpenAPI.string])

    static let schemas: JSONValue = [
        "ReleaseChange": OpenAPI.object(
            [
                "id": OpenAPI.integer, "position": OpenAPI.integer, "title": OpenAPI.string, "description": OpenAPI.string, "module": OpenAPI.string,
                "team": OpenAPI.string, "idea_id": OpenAPI.integer, "idea_url": OpenAPI.string, "credited": person, "half_finished": ["type": "boolean"],
                "feedback_url": OpenAPI.string, "liked": OpenAPI.integer, "not_good_enough": OpenAPI.integer,
            ],
            required: ["id", "position", "title", "description", "team", "half_finished", "liked", "not_good_enough"]),
        "Release": OpenAPI.object(
            [
                "id": OpenAPI.integer, "product_id": OpenAPI.integer, "version": OpenAPI.string, "ring": ["type": "string", "enum": rings],
                "notes": OpenAPI.string, "notes_html": OpenAPI.string, "download_url": OpenAPI.string, "in_your_ring": ["type": "boolean"],
                "created_at": OpenAPI.dateTime,
                "weekly_at": OpenAPI.dateTime, "stable_at": OpenAPI.dateTime,
                "rollout": OpenAPI.object(
                    ["percent": OpenAPI.integer, "paused": ["type": "boolean"], "step": OpenAPI.integer, "next_step_at": OpenAPI.dateTime],
                    required: ["percent", "paused", "step"]),
                "report": OpenAPI.object(
                    ["open": ["type": "boolean"], "opens_at": OpenAPI.dateTime, "closes_at": OpenAPI.dateTime, "reports": OpenAPI.integer,
                     "average_rating": ["type": "number"]], required: ["open", "reports"]),
                "popcorn_change_id": OpenAPI.integer, "thread_url": OpenAPI.string, "preview_url": OpenAPI.string,
                "changes": ["type": "array", "items": OpenAPI.ref("ReleaseChange")], "url": OpenAPI.string,
            ],
            required: ["id", "product_id", "version", "ring", "notes", "notes_html", "in_your_ring", "created_at", "report", "changes", "url"]),
        "FourGridReport": OpenAPI.object(
            [
                "release_id": OpenAPI.integer, "liked_change_id": OpenAPI.integer, "weak_change_id": OpenAPI.integer, "anticipated_idea_id": OpenAPI.integer,
                "anticipated_text": OpenAPI.string, "rating": OpenAPI.integer, "created_at": OpenAPI.dateTime, "updated_at": OpenAPI.dateTime,
            ],
            required: ["release_id", "liked_change_id", "weak_change_id", "anticipated_text", "rating", "created_at", "updated_at"]),
        "ReportSummary": OpenAPI.object(
            [
                "release_id": OpenAPI.integer, "version": OpenAPI.string, "open": ["type": "boolean"], "closes_at": OpenAPI.dateTime,
                "reports": OpenAPI.integer, "average_rating": ["type": "number"], "ratings": ["type": "array", "items": OpenAPI.integer],
                "changes": ["type": "array", "items": OpenAPI.object(
                    ["id": OpenAPI.integer, "title": OpenAPI.string, "team": OpenAPI.string, "liked": OpenAPI.integer, "not_good_enough": OpenAPI.integer])],
                "anticipated": ["type": "array", "items": OpenAPI.object(["idea_id": OpenAPI.integer, "title": OpenAPI.string, "count": OpenAPI.integer])],
                "free_text_anticipations": OpenAPI.integer,
                "trend": ["type": "array", "items": OpenAPI.object(["release_id": OpenAPI.integer, "version": OpenAPI.string, "average_rating": ["type": "number"]])],
                "popcorn_change_id": OpenAPI.integer,
            ],
            required: ["release_id", "version", "open", "reports", "ratings", "changes", "anticipated", "free_text_anticipations", "trend"]),
        "TrainCalendar": OpenAPI.object(
            [
                "product_id": OpenAPI.integer, "cadence": OpenAPI.string, "report_days": OpenAPI.integer, "time_zone": OpenAPI.string,
                "train_week": ["type": "boolean"], "next_train_week": OpenAPI.dateTime,
                "phases": ["type": "array", "items": OpenAPI.object(
                    ["phase": OpenAPI.string, "weekday": OpenAPI.integer, "time": OpenAPI.string, "at": OpenAPI.dateTime, "state": OpenAPI.string,
                     "release_id": OpenAPI.integer], required: ["phase", "weekday", "time", "at", "state"])],
            ],
            required: ["product_id", "cadence", "report_days", "time_zone", "train_week", "phases"]),
        "WeeklyRing": OpenAPI.object(["member": ["type": "boolean"]]),
        "UpdateAnswer": OpenAPI.object(
            [
                "status": ["type": "string", "enum": ["update_available", "up_to_date"]], "update_available": ["type": "boolean"],
                "current_version": OpenAPI.string, "ring": OpenAPI.string, "version": OpenAPI.string, "release_id": OpenAPI.integer,
                "release_ring": OpenAPI.string, "notes_url": OpenAPI.string, "download_url": OpenAPI.string,
            ],
            required: ["status", "update_available", "current_version", "ring"]),
    ]
}
