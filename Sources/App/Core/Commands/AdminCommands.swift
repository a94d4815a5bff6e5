import Foundation
import Vapor

/// `canyu admin create --email E --name N`; the password comes from a prompt, or from standard
/// input when that is not a terminal (for scripts).
struct AdminCommands: AsyncCommandGroup {
    var help: String { "Administers accounts." }
    var commands: [String: any AnyAsyncCommand] { ["create": AdminCreateCommand()] }
}

struct AdminCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The admin's email.")
        var email: String?
        @Option(name: "name", help: "The admin's display name.")
        var name: String?
        init() {}
    }

    var help: String { "Creates an admin account." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email, let name = signature.name else {
            throw CommandFailure(message: "error: both --email and --name are required", exitCode: 2)
        }
        let password: String
        if isatty(STDIN_FILENO) == 1 {
            let prompt = "Password (at least \(AccountRules.passwordLength.lowerBound) characters)"
            password = context.console.ask(prompt.consoleText(), isSecure: true)
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        let app = context.application
        do {
            let user = try await AccountsService(app).createAccount(.init(email: email, name: name, password: password), role: .admin)
            context.console.print("Created admin #\(try user.requireID()) \(user.name) <\(user.email)>.")
        } catch let error as any AppError {
            let message = app.localizer.text(error.messageKey, .en, error.messageArguments)
            throw CommandFailure(message: "error: \(message)", exitCode: 1)
        }
    }
}
