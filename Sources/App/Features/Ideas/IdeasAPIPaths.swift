/// The ideas area's part of the OpenAPI document.
enum IdeasAPIPaths {
    private static let slugParameter: JSONValue = ["name": "slug", "in": "path", "required": true, "schema": ["type": "string"]]
    private static let note: JSONValue = ["type": "string", "maxLength": 1000]
    private static let statuses: JSONValue = .array(IdeaStatus.allCases.map { .string($0.rawValue) })
    private static let listParameters: [JSONValue] = [
        slugParameter,
        ["name": "sort", "in": "query", "required": false, "schema": ["type": "string", "enum": .array(IdeaRanking.Sort.allCases.map { .string($0.rawValue) })]],
        ["name": "status", "in": "query", "required": false, "schema": ["type": "string", "enum": statuses]],
        ["name": "module", "in": "query", "required": false, "schema": ["type": "string"]],
        ["name": "page", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1]],
    ]

    static let paths: JSONValue = [
        "/products": [
            "get": OpenAPI.operation(
                "listProducts", summary: "Products, with their modules", tag: "ideas",
                responses: ["200": OpenAPI.response("Products", ["type": "array", "items": OpenAPI.ref("Product")])]),
            "post": OpenAPI.operation(
                "createProduct", summary: "Create a product with its modules (staff)", tag: "ideas",
                body: OpenAPI.object(
                    [
                        "slug": ["type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,39}$"], "name_zh": ["type": "string", "minLength": 1, "maxLength": 60],
                        "name_en": ["type": "string", "minLength": 1, "maxLength": 60], "description_zh": ["type": "string", "maxLength": 500],
                        "description_en": ["type": "string", "maxLength": 500], "icon": ["type": "string", "minLength": 1, "maxLength": 4],
                        "modules": [
                            "type": "array",
                            "items": OpenAPI.object(
                                ["key": OpenAPI.string, "name_zh": OpenAPI.string, "name_en": OpenAPI.string, "team": OpenAPI.string], required: ["key", "name_zh"]),
                        ],
                    ], required: ["slug", "name_zh", "name_en"]),
                authenticated: true,
                responses: ["201": OpenAPI.response("Created", OpenAPI.ref("Product")), "403": OpenAPI.error("Staff only"), "409": OpenAPI.error("Slug taken")]),
        ],
        "/products/{slug}/ideas": [
            "get": OpenAPI.operation(
                "listIdeas", summary: "A product's ideas: hot (weighted score with time decay), top, new or recently changed", tag: "ideas",
                parameters: listParameters,
                responses: ["200": OpenAPI.response("A page of ideas", OpenAPI.ref("IdeaList")), "404": OpenAPI.error("No such product"),
                            "422": OpenAPI.error("Unknown sort or status")]),
            "post": OpenAPI.operation(
                "proposeIdea", summary: "Propose an idea; its author follows it", tag: "ideas",
                body: OpenAPI.object(
                    ["title": ["type": "string", "minLength": 4, "maxLength": 120], "body": ["type": "string", "maxLength": 10000], "module": OpenAPI.string],
                    required: ["title"]),
                parameters: [slugParameter], authenticated: true,
                responses: ["201": OpenAPI.response("Proposed", OpenAPI.ref("Idea")), "403": OpenAPI.error("Muted"), "404": OpenAPI.error("No such product")]),
        ],
        "/products/{slug}/ideas/similar": [
            "get": OpenAPI.operation(
                "similarIdeas", summary: "Ideas whose titles share words with a title being typed", tag: "ideas",
                parameters: [slugParameter, ["name": "title", "in": "query", "required": false, "schema": ["type": "string"]]],
                responses: ["200": OpenAPI.response("Up to five ideas", ["type": "array", "items": OpenAPI.ref("Idea")]), "404": OpenAPI.error("No such product")]),
        ],
        "/ideas/{id}": [
            "get": OpenAPI.operation(
                "getIdea", summary: "An idea with its votes, weighted score, status and history", tag: "ideas", parameters: [OpenAPI.idParameter],
                responses: ["200": OpenAPI.response("The idea", OpenAPI.ref("IdeaDetail")), "404": OpenAPI.error("No such idea")]),
        ],
        "/ideas/{id}/vote": [
            "put": OpenAPI.operation(
                "voteForIdea", summary: "Vote with your tier's weight (idempotent)", tag: "ideas", parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Votes now", OpenAPI.ref("Vote")), "404": OpenAPI.error("No such idea"),
                            "409": OpenAPI.error("The idea is closed, or your budget of open votes is spent")]),
            "delete": OpenAPI.operation(
                "withdrawVote", summary: "Take your vote back while the idea is open (idempotent)", tag: "ideas", parameters: [OpenAPI.idParameter],
                authenticated: true,
                responses: ["200": OpenAPI.response("Votes now", OpenAPI.ref("Vote")), "404": OpenAPI.error("No such idea"), "409": OpenAPI.error("The idea is closed")]),
        ],
        "/ideas/{id}/status": [
            "post": OpenAPI.operation(
                "setIdeaStatus", summary: "Move an idea on with a public note (staff and the product's team; declining needs a note)", tag: "ideas",
                body: OpenAPI.object(["status": ["type": "string", "enum": statuses], "note": note], required: ["status"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Moved", OpenAPI.ref("Idea")), "403": OpenAPI.error("Not staff or the product's team"),
                            "404": OpenAPI.error("No such idea"), "409": OpenAPI.error("Already in that status, or closed")]),
        ],
        "/ideas/{id}/merge": [
            "post": OpenAPI.operation(
                "mergeIdea", summary: "Merge a duplicate into the original; its votes move without counting anyone twice", tag: "ideas",
                body: OpenAPI.object(["into_id": OpenAPI.integer, "note": note], required: ["into_id"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("The merged duplicate", OpenAPI.ref("Idea")), "403": OpenAPI.error("Not staff or the product's team"),
                            "404": OpenAPI.error("No such idea"), "409": OpenAPI.error("Closed, or the target is itself a duplicate")]),
        ],
    ]

    private static let tiers: JSONValue = .array(Tier.allCases.map { .string($0.rawValue) })

    static let pollPaths: JSONValue = [
        "/products/{slug}/polls": [
            "get": OpenAPI.operation(
                "listPolls", summary: "A product's design polls, newest first (counts only where the viewer may see results)", tag: "polls",
                parameters: [slugParameter],
                responses: ["200": OpenAPI.response("Polls", ["type": "array", "items": OpenAPI.ref("Poll")]), "404": OpenAPI.error("No such product")]),
            "post": OpenAPI.operation(
                "createPoll", summary: "Publish a design poll with 2 to 6 options (staff)", tag: "polls",
                body: OpenAPI.object(
                    [
                        "question": ["type": "string", "minLength": 4, "maxLength": 200], "description": ["type": "string", "maxLength": 2000],
                        "options": [
                            "type": "array", "minItems": 2, "maxItems": 6,
                            "items": OpenAPI.object(
                                ["title": ["type": "string", "minLength": 1, "maxLength": 80], "description": ["type": "string", "maxLength": 500],
                                 "image_url": ["type": "string", "description": "An image uploaded through /uploads"]],
                                required: ["title"]),
                        ],
                        "opens_at": OpenAPI.dateTime, "closes_at": OpenAPI.dateTime, "tiers": ["type": "array", "items": ["type": "string", "enum": tiers]],
                        "results_after_close": ["type": "boolean"], "half_finished": ["type": "boolean"], "idea_id": OpenAPI.integer,
                    ], required: ["question", "options"]),
                parameters: [slugParameter], authenticated: true,
                responses: ["201": OpenAPI.response("Published", OpenAPI.ref("Poll")), "403": OpenAPI.error("Staff only"), "404": OpenAPI.error("No such product")]),
        ],
        "/polls/{id}": [
            "get": OpenAPI.operation(
                "getPoll", summary: "A design poll; counts once the viewer voted (or it closed, by the poll's setting)", tag: "polls",
                parameters: [OpenAPI.idParameter],
                responses: ["200": OpenAPI.response("The poll", OpenAPI.ref("Poll")), "404": OpenAPI.error("No such poll")]),
        ],
        "/polls/{id}/votes": [
            "post": OpenAPI.operation(
                "voteInPoll", summary: "Pick one option, with a reason of at least 10 characters", tag: "polls",
                body: OpenAPI.object(["option_id": OpenAPI.integer, "reason": ["type": "string", "minLength": 10, "maxLength": 1000]], required: ["option_id", "reason"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["201": OpenAPI.response("Voted", OpenAPI.ref("Poll")), "403": OpenAPI.error("Your tier may not vote in this poll"),
                            "404": OpenAPI.error("No such poll"), "409": OpenAPI.error("Not open yet, closed, or already voted")]),
        ],
        "/polls/{id}/close": [
            "post": OpenAPI.operation(
                "closePoll", summary: "Close with a decision note that picks an option or describes a synthesis (staff); voters are told", tag: "polls",
                body: OpenAPI.object(["decision": ["type": "string", "minLength": 1, "maxLength": 2000], "option_id": OpenAPI.integer], required: ["decision"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Closed", OpenAPI.ref("Poll")), "403": OpenAPI.error("Staff only"), "404": OpenAPI.error("No such poll"),
                            "409": OpenAPI.error("Already closed")]),
        ],
    ]

    private static let person: JSONValue = OpenAPI.object(["id": OpenAPI.integer, "name": OpenAPI.string])

    static let schemas: JSONValue = [
        "Product": OpenAPI.object([
            "id": OpenAPI.integer, "slug": OpenAPI.string, "name": OpenAPI.string, "name_zh": OpenAPI.string, "name_en": OpenAPI.string,
            "description": OpenAPI.string, "icon": OpenAPI.string, "url": OpenAPI.string,
            "modules": ["type": "array", "items": OpenAPI.object(["key": OpenAPI.string, "name_zh": OpenAPI.string, "name_en": OpenAPI.string, "team": OpenAPI.string])],
        ]),
        "Idea": OpenAPI.object(
            [
                "id": OpenAPI.integer, "product_id": OpenAPI.integer, "module": OpenAPI.string, "title": OpenAPI.string, "body": OpenAPI.string,
                "body_html": OpenAPI.string, "status": ["type": "string", "enum": statuses], "duplicate_of_id": OpenAPI.integer, "author": person,
                "votes": OpenAPI.integer, "weighted_score": OpenAPI.integer, "voted": ["type": "boolean"], "created_at": OpenAPI.dateTime,
                "status_changed_at": OpenAPI.dateTime, "discussion_url": OpenAPI.string, "url": OpenAPI.string,
            ],
            required: ["id", "product_id", "title", "body", "body_html", "status", "author", "votes", "weighted_score", "created_at", "status_changed_at", "url"]),
        "IdeaList": OpenAPI.object([
            "items": ["type": "array", "items": OpenAPI.ref("Idea")], "page": OpenAPI.integer, "page_count": OpenAPI.integer, "total": OpenAPI.integer,
        ]),
        "IdeaDetail": OpenAPI.object([
            "idea": OpenAPI.ref("Idea"),
            "history": ["type": "array", "items": OpenAPI.object([
                "from": OpenAPI.string, "to": OpenAPI.string, "note": OpenAPI.string, "by": person, "at": OpenAPI.dateTime,
            ])],
        ]),
        "Vote": OpenAPI.object(["voted": ["type": "boolean"], "votes": OpenAPI.integer, "weighted_score": OpenAPI.integer]),
        "Poll": OpenAPI.object(
            [
                "id": OpenAPI.integer, "product_id": OpenAPI.integer, "question": OpenAPI.string, "description": OpenAPI.string,
                "options": ["type": "array", "items": OpenAPI.object(
                    ["id": OpenAPI.integer, "position": OpenAPI.integer, "title": OpenAPI.string, "description": OpenAPI.string, "image_url": OpenAPI.string,
                     "votes": OpenAPI.integer],
                    required: ["id", "position", "title", "description", "image_url"])],
                "opens_at": OpenAPI.dateTime, "closes_at": OpenAPI.dateTime, "tiers": ["type": "array", "items": OpenAPI.string],
                "results_after_close": ["type": "boolean"], "half_finished": ["type": "boolean"], "idea_id": OpenAPI.integer, "open": ["type": "boolean"],
                "votes": OpenAPI.integer,
                "my_option_id": OpenAPI.integer, "decision": OpenAPI.string, "decided_option_id": OpenAPI.integer, "url": OpenAPI.string,
            ],
            required: ["id", "product_id", "question", "description", "options", "opens_at", "closes_at", "tiers", "results_after_close", "half_finished", "open", "url"]),
    ]
}
