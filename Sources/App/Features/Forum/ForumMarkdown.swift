import Foundation

/// Posts are Markdown (see `Markdown`); images may only come from this site's uploads, so a
/// post can't track its readers through a remote image or show anything unchecked.
enum ForumMarkdown {
    static func html(_ source: String) -> String {
        var html = Markdown.html(source)
        html = html.replacingOccurrences(of: "<img src=\"" + SiteURL.uploadsPrefix, with: "<img loading=\"lazy\" src=\"" + SiteURL.uploadsPrefix)
        // Any other image becomes a plain link to where it points.
        html = html.replacingOccurrences(
            of: #"<img src="([^"]*)" alt="([^"]*)"/?>"#, with: #"<a rel="nofollow ugc" href="$1">$2</a>"#, options: .regularExpression)
        return html
    }
}
