import Foundation
import SQLKit
import Vapor

/// `canyu backup --to FILE`: a consistent copy of a live SQLite database (`VACUUM INTO` reads one
/// snapshot while the server keeps writing). PostgreSQL has pg_dump for this.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "The file to write; it must not exist yet.")
        var to: String?
        init() {}
    }

    var help: String { "Writes an online backup of the SQLite database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .sqliteFile(let source) = app.config.storage else {
            throw CommandFailure(
                message: "canyu backup copies SQLite databases only; for PostgreSQL use pg_dump (for example: pg_dump --format=custom \"$DATABASE_URL\" > canyu.dump)",
                exitCode: 2)
        }
        guard let target = signature.to, !target.isEmpty else {
            throw CommandFailure(message: "error: --to FILE is required", exitCode: 2)
        }
        guard !FileManager.default.fileExists(atPath: target) else {
            throw CommandFailure(message: "error: \(target) already exists; choose a new file", exitCode: 2)
        }
        guard let sql = app.db as? any SQLDatabase else { return }
        do {
            try await sql.raw("VACUUM INTO \(bind: target)").run()
        } catch {
            throw CommandFailure(message: "error: backup of \(source) to \(target) failed: \(String(reflecting: error))", exitCode: 1)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        context.console.print("Backed up \(source) to \(target) (\(size) bytes).")
    }
}
