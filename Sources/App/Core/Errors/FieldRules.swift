/// The checks admin forms share: a trimmed text of some length, a whole number in a range.
/// The errors name the field and the bounds (`admin.invalid.text`, `admin.invalid.number`).
enum FieldRules {
    static func text(_ value: String?, _ field: String, _ range: ClosedRange<Int>) throws -> String {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard range.contains(text.count) else {
            throw CoreError.invalidField(field: field, messageKey: "admin.invalid.text", arguments: [String(range.lowerBound), String(range.upperBound)])
        }
        return text
    }

    static func number(_ value: Int?, _ field: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let value, range.contains(value) else {
            throw CoreError.invalidField(field: field, messageKey: "admin.invalid.number", arguments: [String(range.lowerBound), String(range.upperBound)])
        }
        return value
    }
}
