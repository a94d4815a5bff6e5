/// The accounts part of the OpenAPI document.
enum AccountsAPIPaths {
    static let email: JSONValue = ["type": "string", "format": "email", "maxLength": .int(AccountRules.emailLength.upperBound)]
    static let name: JSONValue = [
        "type": "string", "minLength": .int(AccountRules.nameLength.lowerBound), "maxLength": .int(AccountRules.nameLength.upperBound),
    ]
    static let password: JSONValue = [
        "type": "string", "minLength": .int(AccountRules.passwordLength.lowerBound),
        "description": "At most 72 bytes in UTF-8",
    ]
    static let label: JSONValue = ["type": "string", "minLength": 1, "maxLength": .int(AccountRules.tokenLabelLength.upperBound)]

    static let paths: JSONValue = [
        "/users": [
            "post": OpenAPI.operation(
                "createUser", summary: "Register a member", tag: "accounts",
                body: OpenAPI.object(["email": email, "name": name, "password": password]),
                responses: [
                    "201": OpenAPI.response("The new account", OpenAPI.ref("Me")),
                    "403": OpenAPI.error("Open registration is off"),
                    "409": OpenAPI.error("The email or the name is taken"),
                ])
        ],
        "/users/{id}": [
            "get": OpenAPI.operation(
                "getUser", summary: "A member's public profile", tag: "accounts", parameters: [OpenAPI.idParameter],
                responses: [
                    "200": OpenAPI.response("The member", OpenAPI.ref("PublicUser")),
                    "404": OpenAPI.error("No such member"),
                ])
        ],
        "/tokens": [
            "post": OpenAPI.operation(
                "createToken", summary: "Create a personal access token with email and password", tag: "accounts",
                body: OpenAPI.object(["email": email, "password": password, "label": label]),
                responses: [
                    "201": OpenAPI.response("The token; its secret is shown only here", OpenAPI.ref("NewToken")),
                    "401": OpenAPI.error("Wrong email or password"),
                    "429": OpenAPI.error("Too many failed logins; Retry-After says when to try again"),
                ]),
            "get": OpenAPI.operation(
                "listTokens", summary: "The caller's tokens", tag: "accounts", authenticated: true,
                responses: ["200": OpenAPI.response("Tokens, newest first", ["type": "array", "items": OpenAPI.ref("Token")])]),
        ],
        "/tokens/{id}": [
            "delete": OpenAPI.operation(
                "revokeToken", summary: "Revoke one of the caller's tokens", tag: "accounts",
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["204": OpenAPI.response("Revoked"), "404": OpenAPI.error("No such token of yours")])
        ],
        "/me": [
            "get": OpenAPI.operation(
                "getMe", summary: "The token's owner", tag: "accounts", authenticated: true,
                responses: ["200": OpenAPI.response("The account", OpenAPI.ref("Me"))])
        ],
    ]

    static let schemas: JSONValue = [
        "Me": OpenAPI.object([
            "id": OpenAPI.integer, "name": OpenAPI.string, "email": OpenAPI.string, "bio": OpenAPI.string,
            "role": ["type": "string", "enum": ["member", "moderator", "staff", "admin"]],
            "locale": OpenAPI.nullableString, "time_zone": OpenAPI.nullableString, "created_at": OpenAPI.dateTime,
        ], required: ["id", "name", "email", "bio", "role", "created_at"]),
        "PublicUser": OpenAPI.object([
            "id": OpenAPI.integer, "name": OpenAPI.string, "bio": OpenAPI.string,
            "role": ["type": "string", "enum": ["member", "moderator", "staff", "admin"]],
            "created_at": OpenAPI.dateTime, "profile_url": OpenAPI.string,
        ]),
        "Token": OpenAPI.object([
            "id": OpenAPI.integer, "label": OpenAPI.string, "hint": OpenAPI.string,
            "created_at": OpenAPI.dateTime, "last_used_at": OpenAPI.nullableDateTime,
        ], required: ["id", "label", "hint", "created_at"]),
        "NewToken": OpenAPI.object([
            "id": OpenAPI.integer, "token": OpenAPI.string, "label": OpenAPI.string,
            "created_at": OpenAPI.dateTime, "user": OpenAPI.ref("Me"),
        ]),
    ]
}
