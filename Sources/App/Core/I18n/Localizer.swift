import Foundation
import Vapor

/// The strings of every supported language, loaded once from `Resources/Locales/<code>.json`.
/// Placeholders are positional: `{0}`, `{1}`.
public struct Localizer: Sendable {
    private let tables: [SupportedLocale: [String: String]]

    public init(tables: [SupportedLocale: [String: String]]) {
        self.tables = tables
    }

    public static func load(from directory: String) throws -> Localizer {
        var tables: [SupportedLocale: [String: String]] = [:]
        for locale in SupportedLocale.allCases {
            let path = directory + locale.rawValue + ".json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LocalizerError.missingFile(path)
            }
            do {
                tables[locale] = try JSONDecoder().decode([String: String].self, from: data)
            } catch {
                throw LocalizerError.unreadable(path, "\(error)")
            }
        }
        return Localizer(tables: tables)
    }

    public func keys(of locale: SupportedLocale) -> Set<String> {
        Set(tables[locale]?.keys.map { $0 } ?? [])
    }

    /// A missing key shows as the key itself, so a gap is visible rather than blank.
    public func text(_ key: String, _ locale: SupportedLocale, _ arguments: [String] = []) -> String {
        guard var text = tables[locale]?[key] else { return key }
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }
}

enum LocalizerError: Error, CustomStringConvertible {
    case missingFile(String)
    case unreadable(String, String)

    var description: String {
        switch self {
        case .missingFile(let path): "locale file not found: \(path) (run canyu from the project folder)"
        case .unreadable(let path, let reason): "locale file \(path) is not a JSON object of strings: \(reason)"
        }
    }
}

extension Application {
    private struct LocalizerKey: StorageKey { typealias Value = Localizer }

    public var localizer: Localizer {
        get {
            guard let localizer = storage[LocalizerKey.self] else { fatalError("Localizer used before configure(_:)") }
            return localizer
        }
        set { storage[LocalizerKey.self] = newValue }
    }
}

extension Request {
    /// Shorthand for a string in this request's language.
    func t(_ key: String, _ arguments: String...) -> String {
        application.localizer.text(key, locale, arguments)
    }
}
