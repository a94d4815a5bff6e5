/// The standing part of the OpenAPI document.
enum StandingAPIPaths {
    static let paths: JSONValue = [
        "/me/check-in": [
            "post": OpenAPI.operation(
                "checkIn", summary: "Check in for today (once per day in the community's time zone)", tag: "standing",
                authenticated: true,
                responses: [
                    "201": OpenAPI.response("Checked in", OpenAPI.ref("CheckIn")),
                    "409": OpenAPI.error("Already checked in today"),
                ])
        ],
        "/me/ledger": [
            "get": OpenAPI.operation(
                "getLedger", summary: "The caller's credits ledger, newest first", tag: "standing",
                parameters: [
                    ["name": "page", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1]],
                    ["name": "rule", "in": "query", "required": false, "schema": OpenAPI.string],
                ],
                authenticated: true,
                responses: ["200": OpenAPI.response("A page of entries", OpenAPI.ref("LedgerPage"))])
        ],
        "/users/{id}/standing": [
            "get": OpenAPI.operation(
                "getStanding", summary: "A member's credits, level and check-in streak", tag: "standing",
                parameters: [OpenAPI.idParameter],
                responses: [
                    "200": OpenAPI.response("The standing", OpenAPI.ref("Standing")),
                    "404": OpenAPI.error("No such member"),
                ])
        ],
    ]

    static let schemas: JSONValue = [
        "CheckIn": OpenAPI.object([
            "streak": OpenAPI.integer, "longest_streak": OpenAPI.integer, "credits_awarded": OpenAPI.integer,
            "balance": OpenAPI.integer,
        ]),
        "Level": OpenAPI.object(["name": OpenAPI.string, "stars": OpenAPI.integer, "min_credits": OpenAPI.integer]),
        "Standing": OpenAPI.object([
            "user_id": OpenAPI.integer, "credits": OpenAPI.integer, "level": OpenAPI.ref("Level"),
            "next_level": [
                "type": ["object", "null"],
                "properties": ["name": OpenAPI.string, "min_credits": OpenAPI.integer, "credits_needed": OpenAPI.integer],
            ],
            "streak": OpenAPI.integer, "longest_streak": OpenAPI.integer, "checked_in_today": ["type": "boolean"],
            "tier": PyramidAPIPaths.tierEnum, "privileges": OpenAPI.ref("Privileges"),
            "next_tier": ["oneOf": [OpenAPI.ref("NextTier"), ["type": "null"]]],
        ], required: ["user_id", "credits", "level", "streak", "longest_streak", "checked_in_today", "tier", "privileges"]),
        "LedgerEntry": OpenAPI.object([
            "id": OpenAPI.integer, "amount": OpenAPI.integer, "currency": OpenAPI.string, "rule": OpenAPI.string,
            "reason": OpenAPI.string, "source": OpenAPI.string, "created_at": OpenAPI.dateTime,
        ]),
        "LedgerPage": OpenAPI.object([
            "items": ["type": "array", "items": OpenAPI.ref("LedgerEntry")], "page": OpenAPI.integer,
            "per_page": OpenAPI.integer, "total": OpenAPI.integer,
        ]),
    ]
}
