/// The text a bug puts in the forum, in both languages (the forum is shared).
enum BugText {
    /// Floor 1 of its discussion: the public part of the report (never the device or the log).
    static func opening(_ bug: Bug, link: String) -> String {
        var lines = ["**复现步骤 · Steps**", "", bug.steps]
        if !bug.expected.isEmpty { lines += ["", "**期望结果 · Expected**", "", bug.expected] }
        if !bug.actual.isEmpty { lines += ["", "**实际结果 · Actual**", "", bug.actual] }
        lines += ["", link]
        return lines.joined(separator: "\n")
    }
}
