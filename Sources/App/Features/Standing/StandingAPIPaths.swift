/// The standing part of the OpenAPI document.
enum StandingAPIPaths {
    static let paths: JSONValue = [
        "/medals": [
            "get": OpenAPI.operation(
                "listMedals", summary: "Medal definitions", tag: "standing",
                responses: ["200": OpenAPI.response("Medals", ["type": "array", "items": OpenAPI.ref("Medal")])])
        ],
        "/users/{id}/medals": [
            "post": OpenAPI.operation(
                "grantMedal", summary: "Grant a medal by hand, with a reason (staff)", tag: "standing",
                body: OpenAPI.object(["medal": OpenAPI.string, "reason": ["type": "string", "minLength": 1, "maxLength": 500]]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: [
                    "201": OpenAPI.response("Granted"), "403": OpenAPI.error("Staff only"),
                    "404": OpenAPI.error("No such member or medal"), "409": OpenAPI.error("Already held"),
                ])
        ],
        "/users/{id}/medals/{key}/revoke": [
            "post": OpenAPI.operation(
                "revokeMedal", summary: "Revoke a medal, with a reason (staff)", tag: "standing",
                body: OpenAPI.object(["reason": ["type": "string", "minLength": 1, "maxLength": 500]]),
                parameters: [OpenAPI.idParameter, ["name": "key", "in": "path", "required": true, "schema": OpenAPI.string]],
                authenticated: true,
                responses: [
                    "204": OpenAPI.response("Revoked"), "403": OpenAPI.error("Staff only"),
                    "404": OpenAPI.error("No such medal"), "409": OpenAPI.error("Not held"),
                ])
        ],
        "/me/check-in": [
            "post": OpenAPI.operation(
                "checkIn", summary: "Check in for today (once per day in the community's time zone)", tag: "standing",
                authenticated: true,
                responses: [
                    "201": OpenAPI.response("Checked in", OpenAPI.ref("CheckIn")),
                    "409": OpenAPI.error("Already checked in today"),
                ])
        ],
        "/users/{id}/credits": [
            "post": OpenAPI.operation(
                "adjustCredits", summary: "Adjust a member's credits by hand (staff); idempotent by key", tag: "standing",
                body: OpenAPI.object([
                    "amount": ["type": "integer", "minimum": -10000, "maximum": 10000, "not": ["const": 0]],
                    "reason": ["type": "string", "minLength": 1, "maxLength": 500],
                    "idempotency_key": ["type": "string", "minLength": 1, "maxLength": 100],
                ]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: [
                    "201": OpenAPI.response("Applied", OpenAPI.ref("Adjustment")),
                    "200": OpenAPI.response("Already applied earlier with this key", OpenAPI.ref("Adjustment")),
                    "403": OpenAPI.error("Staff only"), "404": OpenAPI.error("No such member"),
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
        "Adjustment": OpenAPI.object(["applied": ["type": "boolean"], "amount": OpenAPI.integer]),
        "Medal": OpenAPI.object([
            "key": OpenAPI.string, "name": OpenAPI.string, "description": OpenAPI.string, "condition": OpenAPI.string,
            "threshold": OpenAPI.integer, "valid_days": ["type": ["integer", "null"]], "icon_url": OpenAPI.string,
        ], required: ["key", "name", "description", "condition", "threshold", "icon_url"]),
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
            "medals": [
                "type": "array",
                "items": OpenAPI.object(
                    ["key": OpenAPI.string, "name": OpenAPI.string, "awarded_at": OpenAPI.dateTime, "expires_at": OpenAPI.nullableDateTime],
                    required: ["key", "name", "awarded_at"]),
            ],
        ], required: ["user_id", "credits", "level", "streak", "longest_streak", "checked_in_today", "tier", "privileges", "medals"]),
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
