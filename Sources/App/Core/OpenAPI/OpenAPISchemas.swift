/// Building blocks for the OpenAPI document: shared schemas and the usual error responses.
enum OpenAPI {
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let nullableString: JSONValue = ["type": ["string", "null"]]
    static let nullableDateTime: JSONValue = ["type": ["string", "null"], "format": "date-time"]

    static func object(_ properties: [String: JSONValue], required: [String]? = nil) -> JSONValue {
        [
            "type": "object",
            "properties": .object(properties),
            "required": .array((required ?? properties.keys.sorted()).map(JSONValue.string)),
        ]
    }

    static func jsonBody(_ schema: JSONValue) -> JSONValue {
        ["required": true, "content": ["application/json": ["schema": schema]]]
    }

    static func response(_ description: String, _ schema: JSONValue? = nil) -> JSONValue {
        guard let schema else { return ["description": .string(description)] }
        return ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    static func error(_ description: String) -> JSONValue {
        response(description, ref("Error"))
    }

    /// What any operation with a JSON body may answer besides its own outcomes.
    static let bodyErrors: [String: JSONValue] = [
        "400": error("Malformed JSON"),
        "413": error("Body too large"),
        "415": error("Not JSON"),
        "422": error("A field is missing, has the wrong type or breaks a rule; `field` names it"),
    ]

    static let idParameter: JSONValue = [
        "name": "id", "in": "path", "required": true, "schema": ["type": "integer"],
    ]

    static let bearer: JSONValue = [["bearerAuth": []]]

    static func operation(
        _ id: String, summary: String, tag: String, body: JSONValue? = nil, parameters: [JSONValue] = [],
        authenticated: Bool = false, responses: [String: JSONValue]
    ) -> JSONValue {
        var operation: [String: JSONValue] = [
            "operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)],
        ]
        var allResponses = responses
        if let body {
            operation["requestBody"] = jsonBody(body)
            allResponses.merge(bodyErrors) { own, _ in own }
        }
        if authenticated {
            operation["security"] = bearer
            allResponses["401"] = allResponses["401"] ?? error("No valid bearer token")
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        operation["responses"] = .object(allResponses)
        return .object(operation)
    }
}
