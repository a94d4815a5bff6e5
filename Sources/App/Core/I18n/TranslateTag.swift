import Leaf
import Vapor

/// `#t("key")` or `#t("key", arg0, arg1)` in templates: the string in the request's language.
/// Leaf escapes the result like any other value.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw "#t needs a string key as its first parameter"
        }
        guard let request = ctx.request else { return .string(key) }
        let arguments = ctx.parameters.dropFirst().map { $0.string ?? "" }
        return .string(request.application.localizer.text(key, request.locale, Array(arguments)))
    }
}
