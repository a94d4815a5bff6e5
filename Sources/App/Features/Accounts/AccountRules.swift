import Foundation

/// The rules an account's fields follow, in one place for the web forms, the API and the commands.
enum AccountRules {
    static let nameLength = 2...32
    static let passwordLength = 8...72  // bcrypt reads at most 72 bytes; longer would silently be cut
    static let bioLength = 0...1000
    static let tokenLabelLength = 1...60
    static let emailLength = 3...254

    static func emailKey(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Names compare after Unicode compatibility folding and lowercasing, so look-alike
    /// full-width or differently-cased names count as the same.
    static func nameKey(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCompatibilityMapping.lowercased()
    }

    static func validEmail(_ raw: String?) throws -> String {
        let email = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !email.isEmpty else { throw CoreError.invalidField(field: "email", messageKey: "accounts.invalid.email_missing") }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard emailLength.contains(email.count), parts.count == 2,
            !parts[0].isEmpty, parts[0].count <= 64,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !parts[1].contains(".."),
            !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else {
            throw CoreError.invalidField(field: "email", messageKey: "accounts.invalid.email")
        }
        return email
    }

    static func validName(_ raw: String?) throws -> String {
        let name = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard nameLength.contains(name.count) else {
            throw CoreError.invalidField(
                field: "name", messageKey: "accounts.invalid.name_length",
                arguments: [String(nameLength.lowerBound), String(nameLength.upperBound)])
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
        else {
            throw CoreError.invalidField(field: "name", messageKey: "accounts.invalid.name_characters")
        }
        return name
    }

    static func validPassword(_ raw: String?, field: String = "password") throws -> String {
        let password = raw ?? ""
        guard password.count >= passwordLength.lowerBound else {
            throw CoreError.invalidField(
                field: field, messageKey: "accounts.invalid.password_short", arguments: [String(passwordLength.lowerBound)])
        }
        guard password.utf8.count <= passwordLength.upperBound else {
            throw CoreError.invalidField(
                field: field, messageKey: "accounts.invalid.password_long", arguments: [String(passwordLength.upperBound)])
        }
        return password
    }

    static func validBio(_ raw: String?) throws -> String {
        let bio = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard bioLength.contains(bio.count) else {
            throw CoreError.invalidField(field: "bio", messageKey: "accounts.invalid.bio_length", arguments: [String(bioLength.upperBound)])
        }
        return bio
    }

    static func validTokenLabel(_ raw: String?) throws -> String {
        let label = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard tokenLabelLength.contains(label.count),
            !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw CoreError.invalidField(
                field: "label", messageKey: "accounts.invalid.token_label", arguments: [String(tokenLabelLength.upperBound)])
        }
        return label
    }

    static func validLocale(_ raw: String?) throws -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard SupportedLocale(rawValue: raw) != nil else {
            throw CoreError.invalidField(field: "locale", messageKey: "accounts.invalid.locale")
        }
        return raw
    }

    static func validTimeZone(_ raw: String?) throws -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard TimeZone(identifier: raw) != nil else {
            throw CoreError.invalidField(field: "time_zone", messageKey: "accounts.invalid.time_zone")
        }
        return raw
    }
}
