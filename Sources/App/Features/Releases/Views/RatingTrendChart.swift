import Foundation

/// The average rating of the last builds as an SVG line chart, drawn in Swift (no scripts):
/// ratings 1–5 on the y axis, builds oldest to newest on the x axis, each point labelled.
enum RatingTrendChart {
    static let width = 640.0
    static let height = 220.0
    private static let left = 36.0, right = 16.0, top = 16.0, bottom = 40.0

    static func svg(_ points: [ReleasesService.TrendPoint], title: String) -> String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func y(_ rating: Double) -> Double { top + plotHeight * (5 - min(5, max(1, rating))) / 4 }
        func x(_ index: Int) -> Double { points.count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(points.count - 1) }
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Markdown.escape(title))\" class=\"chart\" id=\"rating-trend\">",
            "<title>\(Markdown.escape(title))</title>",
        ]
        for rating in 1...5 {
            let lineY = format(y(Double(rating)))
            parts.append("<line x1=\"\(format(left))\" x2=\"\(format(width - right))\" y1=\"\(lineY)\" y2=\"\(lineY)\" class=\"grid\"/>")
            parts.append("<text x=\"\(format(left - 8))\" y=\"\(lineY)\" dy=\"4\" text-anchor=\"end\" class=\"axis\">\(rating)</text>")
        }
        if !points.isEmpty {
            let path = points.indices.map { "\(format(x($0))),\(format(y(points[$0].average)))" }.joined(separator: " ")
            parts.append("<polyline points=\"\(path)\" class=\"line\" fill=\"none\"/>")
            for (index, point) in points.enumerated() {
                let average = String(format: "%.2f", point.average)
                parts.append(
                    "<circle cx=\"\(format(x(index)))\" cy=\"\(format(y(point.average)))\" r=\"4\" class=\"point\"><title>\(Markdown.escape(point.version)): \(average)</title></circle>")
                parts.append("<text x=\"\(format(x(index)))\" y=\"\(format(height - bottom + 18))\" text-anchor=\"middle\" class=\"axis\">\(Markdown.escape(point.version))</text>")
                parts.append("<text x=\"\(format(x(index)))\" y=\"\(format(y(point.average) - 9))\" text-anchor=\"middle\" class=\"value\">\(average)</text>")
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
