/// Page links: all pages when there are few, otherwise the first, the last and a window around
/// the current one.
struct Pager: Encodable {
    struct Link: Encodable {
        let number: Int
        let url: String
        let current: Bool
        /// A gap ("…") before this link.
        let gapBefore: Bool
    }

    let links: [Link]
    let previousURL: String?
    let nextURL: String?
    var isSinglePage: Bool { links.count <= 1 }

    init(page: Int, pageCount: Int, url: (Int) -> String) {
        var numbers = Set([1, pageCount])
        for number in (page - 2)...(page + 2) where number >= 1 && number <= pageCount { numbers.insert(number) }
        var previous = 0
        links = numbers.sorted().map { number in
            defer { previous = number }
            return Link(number: number, url: url(number), current: number == page, gapBefore: previous != 0 && number > previous + 1)
        }
        previousURL = page > 1 ? url(page - 1) : nil
        nextURL = page < pageCount ? url(page + 1) : nil
    }

    enum CodingKeys: String, CodingKey { case links, previousURL, nextURL, isSinglePage }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(links, forKey: .links)
        try container.encode(previousURL, forKey: .previousURL)
        try container.encode(nextURL, forKey: .nextURL)
        try container.encode(isSinglePage, forKey: .isSinglePage)
    }
}
