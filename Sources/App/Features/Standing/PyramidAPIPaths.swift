/// The pyramid part of the OpenAPI document.
enum PyramidAPIPaths {
    static let tierEnum: JSONValue = ["type": "string", "enum": ["user", "fan", "core_fan", "honorary_developer", "core_team"]]

    static let paths: JSONValue = [
        "/pyramid": [
            "get": OpenAPI.operation(
                "getPyramid", summary: "How many members each tier holds, lowest first", tag: "standing",
                responses: ["200": OpenAPI.response("The pyramid", OpenAPI.ref("Pyramid"))])
        ],
        "/leaderboards/{period}": [
            "get": OpenAPI.operation(
                "getLeaderboard", summary: "Top 10: credits earned this week or month, all-time credits, longest streaks",
                tag: "standing",
                parameters: [["name": "period", "in": "path", "required": true, "schema": ["type": "string", "enum": ["week", "month", "all", "streaks"]]]],
                responses: [
                    "200": OpenAPI.response("The leaderboard", OpenAPI.ref("Leaderboard")),
                    "404": OpenAPI.error("No such period"),
                ])
        ],
        "/me/tier-applications": [
            "post": OpenAPI.operation(
                "applyForTier", summary: "Apply to the honorary dev group", tag: "standing",
                body: OpenAPI.object(["statement": ["type": "string", "minLength": 20, "maxLength": 2000]]),
                authenticated: true,
                responses: [
                    "201": OpenAPI.response("The application", OpenAPI.ref("TierApplication")),
                    "409": OpenAPI.error("Already a member of the tier, an application pending, or within the cooldown after a decline"),
                ])
        ],
        "/tier-applications": [
            "get": OpenAPI.operation(
                "listTierApplications", summary: "Pending applications, oldest first (staff)", tag: "standing", authenticated: true,
                responses: [
                    "200": OpenAPI.response("Applications", ["type": "array", "items": OpenAPI.ref("TierApplication")]),
                    "403": OpenAPI.error("Staff only"),
                ])
        ],
        "/users/{id}/core-team": [
            "post": OpenAPI.operation(
                "inviteToCoreTeam", summary: "Invite a staff account to the core team (admins)", tag: "standing",
                body: OpenAPI.object(["note": OpenAPI.nullableString], required: []),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: [
                    "204": OpenAPI.response("Invited"), "403": OpenAPI.error("Admins only"),
                    "404": OpenAPI.error("No such member"), "409": OpenAPI.error("Not a staff account, or already in the core team"),
                ])
        ],
        "/tier-applications/{id}/decision": [
            "post": OpenAPI.operation(
                "decideTierApplication", summary: "Approve or decline an application (staff); declining needs a note",
                tag: "standing",
                body: OpenAPI.object(["approve": ["type": "boolean"], "note": OpenAPI.nullableString], required: ["approve"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: [
                    "200": OpenAPI.response("The decided application", OpenAPI.ref("TierApplication")),
                    "403": OpenAPI.error("Staff only"),
                    "404": OpenAPI.error("No such application"),
                    "409": OpenAPI.error("Already decided, or the tier is full"),
                ])
        ],
    ]

    static let schemas: JSONValue = [
        "Pyramid": OpenAPI.object([
            "tiers": [
                "type": "array",
                "items": OpenAPI.object(
                    ["tier": tierEnum, "name": OpenAPI.string, "count": OpenAPI.integer, "quota": ["type": ["integer", "null"]]],
                    required: ["tier", "name", "count"]),
            ]
        ]),
        "Leaderboard": OpenAPI.object([
            "period": OpenAPI.string,
            "entries": [
                "type": "array",
                "items": OpenAPI.object(["rank": OpenAPI.integer, "user_id": OpenAPI.integer, "name": OpenAPI.string, "value": OpenAPI.integer]),
            ],
        ]),
        "Privileges": OpenAPI.object([
            "vote_weight": OpenAPI.integer, "closed_beta": ["type": "boolean"], "weekly_builds": ["type": "boolean"],
            "f_code_quota": OpenAPI.integer, "event_priority": OpenAPI.integer, "moderator_eligible": ["type": "boolean"], "bug_triage": ["type": "boolean"],
        ]),
        "NextTier": OpenAPI.object([
            "tier": tierEnum, "by": ["type": "string", "enum": ["automatic", "application", "invitation"]],
            "conditions": [
                "type": "array",
                "items": OpenAPI.object(["name": OpenAPI.string, "current": OpenAPI.integer, "required": OpenAPI.integer, "met": ["type": "boolean"]]),
            ],
        ]),
        "TierApplication": OpenAPI.object([
            "id": OpenAPI.integer, "user_id": OpenAPI.integer, "tier": tierEnum, "statement": OpenAPI.string,
            "status": ["type": "string", "enum": ["pending", "approved", "declined"]], "decision_note": OpenAPI.string,
            "created_at": OpenAPI.dateTime, "decided_at": OpenAPI.nullableDateTime,
        ], required: ["id", "user_id", "tier", "statement", "status", "decision_note", "created_at"]),
    ]
}
