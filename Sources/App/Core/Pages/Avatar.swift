/// The initials avatar: one or two letters on a colour picked from the user's id.
struct Avatar: Encodable {
    let initials: String
    let colorClass: String

    init(initials: String, colorClass: String) {
        self.initials = initials
        self.colorClass = colorClass
    }

    init(name: String, id: Int) {
        initials = Self.initials(of: name)
        colorClass = "avatar-c\(abs(id) % 8)"
    }

    /// A Chinese name shows its first character (the surname); a Latin one its first two initials.
    static func initials(of name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "_" || $0 == "." })
        guard let first = words.first?.first else { return "?" }
        if first.unicodeScalars.contains(where: { $0.properties.isIdeographic }) { return String(first) }
        let letters = words.prefix(2).compactMap { $0.first }.map { String($0).uppercased() }
        return letters.joined()
    }
}
