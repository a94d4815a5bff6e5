/// The forum's part of the OpenAPI document (notifications and search included).
enum ForumAPIPaths {
    private static let pageParameter: JSONValue = ["name": "page", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1]]
    private static let reason: JSONValue = ["type": "string", "minLength": 1, "maxLength": 500]
    private static let refused: [String: JSONValue] = [
        "403": OpenAPI.error("Not allowed (not a moderator of this board, or muted/banned)"),
        "404": OpenAPI.error("No such thing"),
        "409": OpenAPI.error("Locked thread, archived board, deleted post, or already done"),
        "429": OpenAPI.error("Posting too fast for a new member; Retry-After says how long to wait"),
    ]

    private static func with(_ base: [String: JSONValue], _ extra: [String: JSONValue]) -> [String: JSONValue] {
        base.merging(extra) { _, new in new }
    }

    static let paths: JSONValue = [
        "/categories": [
            "get": OpenAPI.operation(
                "listCategories", summary: "Forum categories in order", tag: "forum",
                responses: ["200": OpenAPI.response("Categories", ["type": "array", "items": OpenAPI.ref("Category")])]),
            "post": OpenAPI.operation(
                "createCategory", summary: "Create a category (admins)", tag: "forum",
                body: OpenAPI.object(
                    ["name": ["type": "string", "minLength": 1, "maxLength": 60], "name_zh": OpenAPI.string, "name_en": OpenAPI.string, "position": ["type": "integer", "minimum": 0, "maximum": 10000]],
                    required: ["name"]),
                authenticated: true,
                responses: ["201": OpenAPI.response("Created", OpenAPI.ref("Category")), "403": OpenAPI.error("Admins only")]),
        ],
        "/boards": [
            "get": OpenAPI.operation(
                "listBoards", summary: "Boards that are open (not archived), in order", tag: "forum",
                responses: ["200": OpenAPI.response("Boards", ["type": "array", "items": OpenAPI.ref("Board")])]),
            "post": OpenAPI.operation(
                "createBoard", summary: "Create a board (admins); name and description fill both languages unless given per language", tag: "forum",
                body: OpenAPI.object(
                    [
                        "name": ["type": "string", "minLength": 1, "maxLength": 60], "description": ["type": "string", "maxLength": 500],
                        "category_id": OpenAPI.integer, "name_zh": OpenAPI.string, "name_en": OpenAPI.string, "description_zh": OpenAPI.string,
                        "description_en": OpenAPI.string, "icon": ["type": "string", "maxLength": 4], "position": OpenAPI.integer, "archived": ["type": "boolean"],
                    ], required: ["name", "description"]),
                authenticated: true,
                responses: ["201": OpenAPI.response("Created", OpenAPI.ref("Board")), "403": OpenAPI.error("Admins only")]),
        ],
        "/boards/{id}": [
            "patch": OpenAPI.operation(
                "updateBoard", summary: "Edit, reorder or archive a board (admins)", tag: "forum",
                body: OpenAPI.object(
                    [
                        "name_zh": OpenAPI.string, "name_en": OpenAPI.string, "description_zh": OpenAPI.string, "description_en": OpenAPI.string,
                        "category_id": OpenAPI.integer, "icon": OpenAPI.string, "position": OpenAPI.integer, "archived": ["type": "boolean"],
                    ], required: []),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Updated", OpenAPI.ref("Board")), "403": OpenAPI.error("Admins only"), "404": OpenAPI.error("No such board")]),
        ],
        "/boards/{id}/threads": [
            "get": OpenAPI.operation(
                "listThreads", summary: "A board's threads: pinned first, then by last activity", tag: "forum",
                parameters: [OpenAPI.idParameter, pageParameter],
                responses: ["200": OpenAPI.response("A page of threads", OpenAPI.ref("ThreadList")), "404": OpenAPI.error("No such board")]),
            "post": OpenAPI.operation(
                "createThread", summary: "Open a thread (its first post is floor #1)", tag: "forum",
                body: OpenAPI.object(["title": ["type": "string", "minLength": 2, "maxLength": 100], "body": ["type": "string", "minLength": 1, "maxLength": 20000]]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["201": OpenAPI.response("Created", OpenAPI.ref("CreatedThread"))])),
        ],
        "/threads/{id}": [
            "get": OpenAPI.operation(
                "getThread", summary: "A thread with a page of its floors (20 per page)", tag: "forum",
                parameters: [OpenAPI.idParameter, pageParameter],
                responses: ["200": OpenAPI.response("The thread and a page of posts", OpenAPI.ref("ThreadPage")), "404": OpenAPI.error("No such thread")]),
        ],
        "/threads/{id}/posts": [
            "post": OpenAPI.operation(
                "createPost", summary: "Reply to a thread, optionally quoting one of its floors", tag: "forum",
                body: OpenAPI.object(["body": ["type": "string", "minLength": 1, "maxLength": 20000], "quote_post_id": OpenAPI.integer], required: ["body"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["201": OpenAPI.response("Created", OpenAPI.ref("Post")), "422": OpenAPI.error("Invalid body, or a quote from another thread")])),
        ],
        "/threads/{id}/moderation": [
            "post": OpenAPI.operation(
                "moderateThread", summary: "Pin, feature, lock, move or delete a thread (its board's moderators, staff, admins)", tag: "moderation",
                body: OpenAPI.object(
                    ["action": ["type": "string", "enum": ["pin", "unpin", "feature", "unfeature", "lock", "unlock", "move", "delete"]], "reason": ["type": "string", "maxLength": 500], "board_id": OpenAPI.integer],
                    required: ["action"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["200": OpenAPI.response("The thread after the action", OpenAPI.ref("Thread"))])),
        ],
        "/posts/{id}": [
            "get": OpenAPI.operation(
                "getPost", summary: "One post", tag: "forum", parameters: [OpenAPI.idParameter],
                responses: ["200": OpenAPI.response("The post", OpenAPI.ref("Post")), "404": OpenAPI.error("No such post")]),
            "put": OpenAPI.operation(
                "editPost", summary: "Edit your own post (and the title, on floor #1); the old text is kept for moderators", tag: "forum",
                body: OpenAPI.object(["body": ["type": "string", "minLength": 1, "maxLength": 20000], "title": ["type": "string", "minLength": 2, "maxLength": 100]], required: ["body"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["200": OpenAPI.response("The edited post", OpenAPI.ref("Post"))])),
            "delete": OpenAPI.operation(
                "deletePost", summary: "Delete your own post; the floor stays as \"deleted\"", tag: "forum", parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["204": OpenAPI.response("Deleted")])),
        ],
        "/posts/{id}/like": [
            "put": OpenAPI.operation(
                "likePost", summary: "Like a post (idempotent)", tag: "forum", parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["200": OpenAPI.response("The new count", OpenAPI.ref("Like"))])),
            "delete": OpenAPI.operation(
                "unlikePost", summary: "Take a like back (idempotent)", tag: "forum", parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["200": OpenAPI.response("The new count", OpenAPI.ref("Like"))])),
        ],
        "/posts/{id}/reports": [
            "post": OpenAPI.operation(
                "reportPost", summary: "Report a post to its board's moderators", tag: "moderation",
                body: OpenAPI.object(["reason": reason]), parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["201": OpenAPI.response("Reported", OpenAPI.ref("Report"))])),
        ],
        "/posts/{id}/moderation": [
            "post": OpenAPI.operation(
                "moderatePost", summary: "Hide or delete a post, with a reason (moderators)", tag: "moderation",
                body: OpenAPI.object(["action": ["type": "string", "enum": ["hide", "delete"]], "reason": reason]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["204": OpenAPI.response("Done")])),
        ],
        "/reports": [
            "get": OpenAPI.operation(
                "listReports", summary: "Open reports on the boards you moderate", tag: "moderation", authenticated: true,
                responses: ["200": OpenAPI.response("Open reports", ["type": "array", "items": OpenAPI.ref("Report")]), "403": OpenAPI.error("Moderators only")]),
        ],
        "/reports/{id}/resolve": [
            "post": OpenAPI.operation(
                "resolveReport", summary: "Resolve or dismiss a report", tag: "moderation",
                body: OpenAPI.object(["outcome": ["type": "string", "enum": ["resolved", "dismissed"]], "note": ["type": "string", "maxLength": 500]], required: ["outcome"]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["204": OpenAPI.response("Done")])),
        ],
        "/users/{id}/sanctions": [
            "post": OpenAPI.operation(
                "sanctionMember", summary: "Mute (read only) or ban (no login) a member for some hours, with a reason", tag: "moderation",
                body: OpenAPI.object(["kind": ["type": "string", "enum": ["mute", "ban"]], "hours": ["type": "integer", "minimum": 1, "maximum": 87600], "reason": reason]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["201": OpenAPI.response("Applied", OpenAPI.ref("Sanction"))])),
        ],
        "/users/{id}/sanctions/lift": [
            "post": OpenAPI.operation(
                "liftSanction", summary: "End a mute or ban early, with a reason", tag: "moderation",
                body: OpenAPI.object(["kind": ["type": "string", "enum": ["mute", "ban"]], "reason": reason]),
                parameters: [OpenAPI.idParameter], authenticated: true,
                responses: with(refused, ["204": OpenAPI.response("Lifted")])),
        ],
        "/moderation-log": [
            "get": OpenAPI.operation(
                "getModerationLog", summary: "The moderation audit log, newest first (staff)", tag: "moderation",
                parameters: [pageParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Log entries", ["type": "array", "items": OpenAPI.ref("ModerationLogEntry")]), "403": OpenAPI.error("Staff only")]),
        ],
        "/uploads": [
            "post": [
                "operationId": "uploadImage", "summary": "Upload a PNG, JPEG, GIF or WebP image (≤ 10 MB, checked by content)", "tags": ["forum"],
                "security": OpenAPI.bearer,
                "requestBody": [
                    "required": true,
                    "content": ["multipart/form-data": ["schema": OpenAPI.object(["file": ["type": "string", "format": "binary"]])]],
                ],
                "responses": [
                    "201": OpenAPI.response("Stored", OpenAPI.ref("Upload")), "400": OpenAPI.error("Malformed body"),
                    "401": OpenAPI.error("No valid bearer token"), "403": OpenAPI.error("Muted or banned"),
                    "413": OpenAPI.error("Larger than 10 MB"), "415": OpenAPI.error("Not an image of an accepted type"),
                    "422": OpenAPI.error("No file part"),
                ],
            ],
        ],
        "/search": [
            "get": OpenAPI.operation(
                "search", summary: "Search thread titles and posts (Chinese by character pairs, other languages by words)", tag: "forum",
                parameters: [
                    ["name": "q", "in": "query", "required": true, "schema": ["type": "string", "maxLength": 100]],
                    ["name": "board_id", "in": "query", "required": false, "schema": OpenAPI.integer],
                    ["name": "author_id", "in": "query", "required": false, "schema": OpenAPI.integer],
                    pageParameter,
                ],
                responses: ["200": OpenAPI.response("Results, best first", OpenAPI.ref("SearchResults")), "422": OpenAPI.error("Query too long")]),
        ],
        "/notifications": [
            "get": OpenAPI.operation(
                "listNotifications", summary: "Your notifications, newest first, with the unread count", tag: "notifications",
                parameters: [pageParameter], authenticated: true,
                responses: ["200": OpenAPI.response("Notifications", OpenAPI.ref("NotificationPage"))]),
        ],
        "/notifications/read": [
            "post": [
                "operationId": "markNotificationsRead", "summary": "Mark the given notifications read (all without ids)", "tags": ["notifications"],
                "security": OpenAPI.bearer,
                "requestBody": ["required": false, "content": ["application/json": ["schema": OpenAPI.object(["ids": ["type": "array", "maxItems": 1000, "items": OpenAPI.integer]], required: [])]]],
                "responses": [
                    "200": OpenAPI.response("Marked", OpenAPI.object(["marked": OpenAPI.integer, "unread": OpenAPI.integer])),
                    "400": OpenAPI.error("Malformed JSON"), "401": OpenAPI.error("No valid bearer token"), "415": OpenAPI.error("Not JSON"),
                    "422": OpenAPI.error("Invalid ids"),
                ],
            ],
        ],
        "/notifications/preferences": [
            "get": OpenAPI.operation(
                "getNotificationPreferences", summary: "Per kind: in the app, by email", tag: "notifications", authenticated: true,
                responses: ["200": OpenAPI.response("Preferences", ["type": "array", "items": OpenAPI.ref("NotificationPreference")])]),
            "put": OpenAPI.operation(
                "setNotificationPreferences", summary: "Set preferences for the kinds given", tag: "notifications",
                body: ["type": "array", "items": OpenAPI.ref("NotificationPreference")], authenticated: true,
                responses: ["200": OpenAPI.response("Preferences", ["type": "array", "items": OpenAPI.ref("NotificationPreference")])]),
        ],
    ]

    private static let member: JSONValue = OpenAPI.object(["id": OpenAPI.integer, "name": OpenAPI.string])

    static let schemas: JSONValue = [
        "Category": OpenAPI.object(["id": OpenAPI.integer, "name_zh": OpenAPI.string, "name_en": OpenAPI.string, "position": OpenAPI.integer]),
        "Board": OpenAPI.object([
            "id": OpenAPI.integer, "category_id": OpenAPI.integer, "name": OpenAPI.string, "name_zh": OpenAPI.string, "name_en": OpenAPI.string,
            "description": OpenAPI.string, "icon": OpenAPI.string, "position": OpenAPI.integer, "archived": ["type": "boolean"],
            "thread_count": OpenAPI.integer, "post_count": OpenAPI.integer,
        ]),
        "Thread": OpenAPI.object([
            "id": OpenAPI.integer, "board_id": OpenAPI.integer, "title": OpenAPI.string, "author": member, "pinned": ["type": "boolean"],
            "featured": ["type": "boolean"], "locked": ["type": "boolean"], "reply_count": OpenAPI.integer, "view_count": OpenAPI.integer,
            "last_post_at": OpenAPI.dateTime, "created_at": OpenAPI.dateTime, "url": OpenAPI.string,
        ]),
        "Post": OpenAPI.object(
            [
                "id": OpenAPI.integer, "thread_id": OpenAPI.integer, "floor": OpenAPI.integer, "author": member, "body": OpenAPI.string,
                "body_html": OpenAPI.string, "state": ["type": "string", "enum": ["visible", "hidden", "deleted"]], "quote_post_id": OpenAPI.integer,
                "like_count": OpenAPI.integer, "edited_at": OpenAPI.dateTime, "created_at": OpenAPI.dateTime, "url": OpenAPI.string,
            ], required: ["id", "thread_id", "floor", "author", "state", "like_count", "created_at", "url"]),
        "ThreadList": OpenAPI.object([
            "items": ["type": "array", "items": OpenAPI.ref("Thread")], "page": OpenAPI.integer, "page_count": OpenAPI.integer, "total": OpenAPI.integer,
        ]),
        "ThreadPage": OpenAPI.object([
            "thread": OpenAPI.ref("Thread"), "posts": ["type": "array", "items": OpenAPI.ref("Post")], "page": OpenAPI.integer, "page_count": OpenAPI.integer,
        ]),
        "CreatedThread": OpenAPI.object([
            "id": OpenAPI.integer, "board_id": OpenAPI.integer, "title": OpenAPI.string, "first_post": OpenAPI.ref("Post"), "url": OpenAPI.string,
        ]),
        "Like": OpenAPI.object(["post_id": OpenAPI.integer, "liked": ["type": "boolean"], "like_count": OpenAPI.integer]),
        "Report": OpenAPI.object([
            "id": OpenAPI.integer, "post_id": OpenAPI.integer, "reporter": member, "reason": OpenAPI.string, "status": OpenAPI.string, "created_at": OpenAPI.dateTime,
        ]),
        "Sanction": OpenAPI.object([
            "id": OpenAPI.integer, "user_id": OpenAPI.integer, "kind": OpenAPI.string, "reason": OpenAPI.string, "until": OpenAPI.dateTime,
        ]),
        "ModerationLogEntry": OpenAPI.object(
            [
                "id": OpenAPI.integer, "actor": member, "action": OpenAPI.string, "target": OpenAPI.string, "subject_user_id": OpenAPI.integer,
                "reason": OpenAPI.string, "before": OpenAPI.string, "after": OpenAPI.string, "created_at": OpenAPI.dateTime,
            ], required: ["id", "actor", "action", "target", "reason", "before", "after", "created_at"]),
        "Upload": OpenAPI.object(["url": OpenAPI.string, "markdown": OpenAPI.string, "content_type": OpenAPI.string, "byte_size": OpenAPI.integer]),
        "SearchResults": OpenAPI.object([
            "items": ["type": "array", "items": OpenAPI.object([
                "post_id": OpenAPI.integer, "thread_id": OpenAPI.integer, "floor": OpenAPI.integer, "thread_title": OpenAPI.string,
                "board_id": OpenAPI.integer, "author": member, "created_at": OpenAPI.dateTime, "title_html": OpenAPI.string,
                "snippet_html": OpenAPI.string, "url": OpenAPI.string,
            ])],
            "total": OpenAPI.integer, "capped": ["type": "boolean"], "page": OpenAPI.integer, "per_page": OpenAPI.integer,
        ]),
        "NotificationPage": OpenAPI.object([
            "items": ["type": "array", "items": OpenAPI.object(
                [
                    "id": OpenAPI.integer, "kind": OpenAPI.string, "text": OpenAPI.string, "actor": member, "actor_count": OpenAPI.integer,
                    "subject": OpenAPI.string, "url": OpenAPI.string, "read": ["type": "boolean"], "created_at": OpenAPI.dateTime, "updated_at": OpenAPI.dateTime,
                ], required: ["id", "kind", "text", "actor_count", "subject", "url", "read", "created_at", "updated_at"])],
            "unread": OpenAPI.integer, "page": OpenAPI.integer, "total": OpenAPI.integer,
        ]),
        "NotificationPreference": OpenAPI.object([
            "kind": ["type": "string", "enum": .array(NotificationKind.allCases.map { .string($0.rawValue) })], "in_app": ["type": "boolean"], "email": ["type": "boolean"],
        ]),
    ]
}
