import Vapor

/// A rule broken by what was typed into a form: the message to show and the field to mark.
/// Anything that is not the person's doing (a 5xx) is re-thrown to the error page.
struct FormError: Encodable {
    let field: String?
    let message: String

    static func from(_ error: any Error, on req: Request) throws -> (FormError, HTTPStatus) {
        let report = ErrorReport(error, for: req)
        guard report.status.code < 500, error is any AppError || error is DecodingError else { throw error }
        let field = (error as? CoreError)?.field ?? (error as? AccountsError)?.field
        return (FormError(field: field, message: report.message), report.status)
    }
}
