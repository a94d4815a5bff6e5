import Vapor

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    public var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("AppConfig used before configure(_:_:)") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }
}
