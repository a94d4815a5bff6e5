/// The bug tracker's part of the OpenAPI document.
enum BugsAPIPaths {
    private static let slugParameter: JSONValue = ["name": "slug", "in": "path", "required": true, "schema": ["type": "string"]]
    private static let statuses: JSONValue = .array(BugStatus.allCases.map { .string($0.rawValue) })
    private static let severities: JSONValue = .array(BugSeverity.allCases.map { .string($0.rawValue) })
    private static let note: JSONValue = ["type": "string", "maxLength": 1000]
    private static let binary: JSONValue = ["type": "string", "format": "binary"]
    private static func query(_ name: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "schema": schema]
    }

    private static let reportFields: [String: JSONValue] = [
        "title": ["type": "string", "minLength": 4, "maxLength": 120], "module": OpenAPI.string,
        "build": ["type": "string", "description": "The id of one of the product's builds (required once the product has any)"],
        "device_model": ["type": "string", "maxLength": 80], "steps": ["type": "string", "minLength": 1, "maxLength": 5000],
        "expected": ["type": "string", "maxLength": 5000], "actual": ["type": "string", "maxLength": 5000],
        "frequency": ["type": "string", "enum": .array(BugFrequency.allCases.map { .string($0.rawValue) })],
    ]

    private static var multipartReport: JSONValue {
        var fields = reportFields
        for index in 1...BugRules.screenshotsMax { fields["screenshot_\(index)"] = binary }
        fields["log"] = binary
        return OpenAPI.object(fields, required: ["title", "steps"])
    }

    private static func withBody(_ operation: JSONValue, json: JSONValue, multipart: JSONValue?) -> JSONValue {
        guard case .object(var fields) = operation else { return operation }
        var content: [String: JSONValue] = ["application/json": ["schema": json]]
        if let multipart { content["multipart/form-data"] = ["schema": multipart] }
        fields["requestBody"] = ["required": true, "content": .object(content)]
        return .object(fields)
    }

    static let paths: JSONValue = [
        "/products/{slug}/bugs": [
            "get": OpenAPI.operation(
                "listBugs", summary: "A product's bugs, hottest first by default; duplicates only when asked for", tag: "bugs",
                parameters: [
                    slugParameter, query("status", ["type": "string", "enum": .array([.string("open")] + BugStatus.allCases.map { .string($0.rawValue) })]),
                    query("module", OpenAPI.string), query("build", ["type": "integer", "minimum": 1]), query("severity", ["type": "string", "enum": severities]),
                    query("min_heat", ["type": "integer", "minimum": 0]),
                    query("sort", ["type": "string", "enum": .array(BugsService.Sort.allCases.map { .string($0.rawValue) })]),
                    query("page", ["type": "integer", "minimum": 1]),
                ],
                responses: ["200": OpenAPI.response("A page of bugs", OpenAPI.ref("BugList")), "404": OpenAPI.error("No such product"),
                            "422": OpenAPI.error("Unknown filter value")]),
            "post": withBody(
                OpenAPI.operation(
                    "reportBug", summary: "Report a bug (JSON, then attachments; or multipart with screenshots and a log); the reporter follows it",
                    tag: "bugs", parameters: [slugParameter], authenticated: true,
                    responses: [
                        "201": OpenAPI.response("Reported", OpenAPI.ref("BugDetail")), "400": OpenAPI.error("Malformed body"), "403": OpenAPI.error("Muted"),
                        "404": OpenAPI.error("No such product"), "413": OpenAPI.error("A file is too large"), "415": OpenAPI.error("A file of the wrong type"),
                        "422": OpenAPI.error("A field breaks a rule, or the build is not the product's"),
                    ]),
                json: OpenAPI.object(reportFields, required: ["title", "steps"]), multipart: multipartReport),
        ],
        "/products/{slug}/bugs/similar": [
            "get": OpenAPI.operation(
                "similarBugs", summary: "Open bugs whose titles share words with a title being typed", tag: "bugs",
                parameters: [slugParameter, query("title", OpenAPI.string)],
                responses: ["200": OpenAPI.response("Up to five bugs", ["type": "array", "items": OpenAPI.ref("Bug")]), "404": OpenAPI.error("No such product")]),
        ],
        "/products/{slug}/bugs/bulk": [
            "post": OpenAPI.operation(
                "triageBugs", summary: "One triage action on many bugs (triagers); each bug on its own", tag: "bugs",
                body: OpenAPI.object(
                    ["bug_ids": ["type": "array", "items": OpenAPI.integer, "minItems": 1, "maxItems": 100],
                     "action": ["type": "string", "enum": ["set_severity", "set_module", "duplicate"]], "severity": ["type": "string", "enum": severities],
                     "module": OpenAPI.string, "of_id": OpenAPI.integer],
                    required: ["bug_ids", "action"]),
                parameters: [slugParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Done and refused", OpenAPI.ref("BulkResult")), "404": OpenAPI.error("No such product")]),
        ],
        "/bugs/{id}": [
            "get": OpenAPI.operation(
                "getBug", summary: "A bug with its heat by parts and history; device and logs only for the reporter and triagers", tag: "bugs",
                parameters: [OpenAPI.idParameter],
                responses: ["200": OpenAPI.response("The bug", OpenAPI.ref("BugDetail")), "404": OpenAPI.error("No such bug")]),
        ],
        "/bugs/{id}/attachments": [
            "post": [
                "operationId": "attachToBug", "summary": "Add a screenshot or a log (the reporter or a triager)", "tags": ["bugs"],
                "parameters": [OpenAPI.idParameter], "security": OpenAPI.bearer,
                "requestBody": [
                    "required": true,
                    "content": ["multipart/form-data": ["schema": OpenAPI.object(["screenshot": binary, "log": binary], required: [])]],
                ],
                "responses": [
                    "201": OpenAPI.response("Added", OpenAPI.ref("BugDetail")), "400": OpenAPI.error("Malformed body"),
                    "401": OpenAPI.error("No valid bearer token"), "403": OpenAPI.error("Not the reporter or a triager"), "404": OpenAPI.error("No such bug"),
                    "409": OpenAPI.error("Too many screenshots"), "413": OpenAPI.error("Too large"), "415": OpenAPI.error("Wrong type"),
                    "422": OpenAPI.error("No file part"),
                ],
            ],
        ],
        "/bugs/{id}/files/{file}": [
            "get": [
                "operationId": "getBugFile", "summary": "A bug's file; logs only for the reporter and triagers", "tags": ["bugs"],
                "parameters": [OpenAPI.idParameter, ["name": "file", "in": "path", "required": true, "schema": ["type": "integer"]]],
                "security": OpenAPI.bearer,
                "responses": [
                    "200": ["description": "The file"], "303": ["description": "A screenshot, at its upload address"],
                    "401": OpenAPI.error("No valid bearer token"), "404": OpenAPI.error("No such file, or not yours to see"),
                ],
            ],
        ],
        "/bugs/{id}/me-too": [
            "put": OpenAPI.operation(
                "meToo", summary: "Say you hit it too, with your build and device (once; crowd confirmation may follow)", tag: "bugs",
                body: OpenAPI.object(["build_id": OpenAPI.integer, "device_model": ["type": "string", "maxLength": 80]], required: []),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Counted", OpenAPI.ref("MeToo")), "404": OpenAPI.error("No such bug"),
                            "409": OpenAPI.error("Already said, your own bug, or closed"), "422": OpenAPI.error("A build of another product")]),
            "delete": OpenAPI.operation(
                "withdrawMeToo", summary: "Take your \"me too\" back (idempotent)", tag: "bugs", parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Counted", OpenAPI.ref("MeToo")), "404": OpenAPI.error("No such bug"), "409": OpenAPI.error("Closed")]),
        ],
        "/bugs/{id}/follow": [
            "put": OpenAPI.operation(
                "followBug", summary: "Be told of every status change", tag: "bugs", parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["204": ["description": "Following"], "404": OpenAPI.error("No such bug")]),
            "delete": OpenAPI.operation(
                "unfollowBug", summary: "Stop following", tag: "bugs", parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["204": ["description": "Not following"], "404": OpenAPI.error("No such bug")]),
        ],
        "/bugs/{id}/status": [
            "post": OpenAPI.operation(
                "setBugStatus", summary: "Move a bug on (the team; triagers may confirm); fixed names the build, won't fix and cannot reproduce a reason",
                tag: "bugs",
                body: OpenAPI.object(["status": ["type": "string", "enum": statuses], "note": note, "build_id": OpenAPI.integer], required: ["status"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Moved", OpenAPI.ref("BugDetail")), "403": OpenAPI.error("Not the team or a triager"),
                            "404": OpenAPI.error("No such bug"), "409": OpenAPI.error("Already there, or not a move from its status"),
                            "422": OpenAPI.error("A note or build missing")]),
        ],
        "/bugs/{id}/verify": [
            "post": OpenAPI.operation(
                "verifyBug", summary: "Those who hit it check the fix on its build or later: fixed, or still happens (reopens)", tag: "bugs",
                body: OpenAPI.object(["fixed": ["type": "boolean"], "build": OpenAPI.integer], required: ["fixed", "build"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Answered", OpenAPI.ref("BugDetail")), "403": OpenAPI.error("Not the reporter or a \"me too\" member"),
                            "404": OpenAPI.error("No such bug"), "409": OpenAPI.error("Not marked fixed, or already answered"),
                            "422": OpenAPI.error("A build before the fix, or of another product")]),
        ],
        "/bugs/{id}/duplicate": [
            "post": OpenAPI.operation(
                "markBugDuplicate", summary: "Mark a duplicate; its members move to the original without counting twice (triagers)", tag: "bugs",
                body: OpenAPI.object(["of_id": OpenAPI.integer, "note": note], required: ["of_id"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Marked", OpenAPI.ref("BugDetail")), "403": OpenAPI.error("Not a triager"),
                            "404": OpenAPI.error("No such bug"), "409": OpenAPI.error("Already a duplicate"),
                            "422": OpenAPI.error("Itself, a duplicate, or another product's")]),
        ],
        "/bugs/{id}/triage": [
            "post": OpenAPI.operation(
                "triageBug", summary: "Set severity and module (triagers)", tag: "bugs",
                body: OpenAPI.object(["severity": ["type": "string", "enum": severities], "module": OpenAPI.string], required: []),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Set", OpenAPI.ref("BugDetail")), "403": OpenAPI.error("Not a triager"), "404": OpenAPI.error("No such bug")]),
        ],
    ]

    private static let person: JSONValue = OpenAPI.object(["id": OpenAPI.integer, "name": OpenAPI.string])

    static let schemas: JSONValue = [
        "Bug": OpenAPI.object(
            [
                "id": OpenAPI.integer, "product_id": OpenAPI.integer, "module": OpenAPI.string, "build_id": OpenAPI.integer, "title": OpenAPI.string,
                "frequency": OpenAPI.string, "status": ["type": "string", "enum": statuses], "severity": ["type": "string", "enum": severities],
                "duplicate_of_id": OpenAPI.integer, "fixed_in_build_id": OpenAPI.integer, "reporter_id": OpenAPI.integer, "me_too": OpenAPI.integer,
                "duplicates": OpenAPI.integer, "followers": OpenAPI.integer, "verifications": OpenAPI.integer, "heat": OpenAPI.integer,
                "created_at": OpenAPI.dateTime, "status_changed_at": OpenAPI.dateTime, "url": OpenAPI.string,
            ],
            required: ["id", "product_id", "title", "status", "me_too", "heat", "url"]),
        "BugList": OpenAPI.object([
            "items": ["type": "array", "items": OpenAPI.ref("Bug")], "page": OpenAPI.integer, "page_count": OpenAPI.integer, "total": OpenAPI.integer,
        ]),
        "BugDetail": OpenAPI.object(
            [
                "bug": OpenAPI.ref("Bug"), "steps": OpenAPI.string, "expected": OpenAPI.string, "actual": OpenAPI.string,
                "heat": OpenAPI.object([
                    "affected": OpenAPI.integer, "duplicates": OpenAPI.integer, "followers": OpenAPI.integer, "severity": OpenAPI.integer,
                    "recency": ["type": "number"], "total": OpenAPI.integer,
                ]),
                "private_visible": ["type": "boolean"], "device_model": OpenAPI.string,
                "attachments": ["type": "array", "items": OpenAPI.object([
                    "id": OpenAPI.integer, "kind": OpenAPI.string, "file_name": OpenAPI.string, "content_type": OpenAPI.string,
                    "byte_size": OpenAPI.integer, "url": OpenAPI.string,
                ])],
                "me_too_members": ["type": "array", "items": person], "my_me_too": ["type": "boolean"], "following": ["type": "boolean"],
                // `from`/`to` for status changes only; `by` is absent when the crowd confirmed it.
                "history": ["type": "array", "items": OpenAPI.object(
                    ["kind": OpenAPI.string, "from": OpenAPI.string, "to": OpenAPI.string, "note": OpenAPI.string, "by": person, "at": OpenAPI.dateTime],
                    required: ["kind", "note", "at"])],
                "discussion_url": OpenAPI.string,
            ],
            required: ["bug", "steps", "heat", "private_visible", "attachments", "history"]),
        "MeToo": OpenAPI.object(["me_too": ["type": "boolean"], "count": OpenAPI.integer, "status": ["type": "string", "enum": statuses]]),
        "BulkResult": OpenAPI.object([
            "done": ["type": "array", "items": OpenAPI.integer],
            "refused": ["type": "array", "items": OpenAPI.object(["id": OpenAPI.integer, "error": OpenAPI.string])],
        ]),
    ]
}
