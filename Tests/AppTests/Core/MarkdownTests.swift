import Testing

@testable import App

@Suite("Markdown written by members")
struct MarkdownTests {
    @Test(arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[x](http://a\"onmouseover=\"alert(1))",
        "![a\"onerror=\"alert(1)](http://x/y.png)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg/onload=alert(1)>",
    ])
    func user_html_stays_inert(source: String) {
        let html = Markdown.html(source)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<svg"))
        #expect(!html.lowercased().contains("href=\"javascript:"))
        #expect(!html.contains("\"onmouseover=\""))
        #expect(!html.contains("\"onerror=\""))
    }

    @Test func markdown_still_works_and_links_are_nofollow() {
        let html = Markdown.html("**bold** and [Canyu](https://example.com)\n\n> quoted")
        #expect(html.contains("<strong>bold</strong>"))
        #expect(html.contains("rel=\"nofollow ugc\" href=\"https://example.com\""))
        #expect(html.contains("<blockquote>"))
    }

    @Test func initials_fit_chinese_and_latin_names() {
        #expect(Avatar.initials(of: "米粉小王") == "米")
        #expect(Avatar.initials(of: "Alex Chen") == "AC")
        #expect(Avatar.initials(of: "quinn") == "Q")
        #expect(Avatar.initials(of: "") == "?")
    }
}
