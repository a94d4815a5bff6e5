import Fluent
import SQLKit
import Foundation
import Vapor

/// Delivers the email outbox through a local `sendmail` program (`CANYU_SENDMAIL`). Each email
/// is claimed with a conditional update, so two nodes never send the same one; a failure is
/// retried later, backing off, and given up after `maxAttempts`.
struct OutboxMailer {
    static let maxAttempts = 6
    static let batchSize = 20
    /// A claim older than this belongs to a node that died mid-send; the email is tried again.
    static let staleClaim: TimeInterval = 600

    let db: any Database
    let clock: any AppClock
    let sendmailPath: String
    let fromAddress: String

    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        [60, 300, 1_800, 7_200, 43_200][min(max(attempt - 1, 0), 4)]
    }

    /// Sends what is due; returns how many went out.
    @discardableResult
    func deliverDue() async throws -> Int {
        let now = clock.now()
        try await OutboxEmail.query(on: db).filter(\.$status == .sending).filter(\.$nextAttemptAt < now.addingTimeInterval(-Self.staleClaim))
            .set(\.$status, to: .pending).update()
        let due = try await OutboxEmail.query(on: db).filter(\.$status == .pending).filter(\.$nextAttemptAt <= now)
            .sort(\.$id).limit(Self.batchSize).all()
        var sent = 0
        for email in due {
            let id = try email.requireID()
            // The claim: only one node turns this row from pending to sending.
            guard let sql = db as? any SQLDatabase,
                try await sql.raw("""
                    UPDATE email_outbox SET status = 'sending', next_attempt_at = \(bind: now)
                    WHERE id = \(bind: id) AND status = 'pending' RETURNING id
                    """).first() != nil
            else { continue }
            email.attempts += 1
            do {
                try await send(email)
                email.status = .sent
                email.sentAt = clock.now()
                email.lastError = nil
                sent += 1
            } catch {
                email.lastError = String(describing: error).prefix(500).description
                email.status = email.attempts >= Self.maxAttempts ? .failed : .pending
                email.nextAttemptAt = clock.now().addingTimeInterval(Self.backoff(afterAttempt: email.attempts))
            }
            try await email.update(on: db)
        }
        return sent
    }

    private func send(_ email: OutboxEmail) async throws {
        try await Sendmail.send(Self.message(email, from: fromAddress), path: sendmailPath)
    }

    /// An RFC 5322 message in UTF-8; the subject is encoded so any language survives.
    static func message(_ email: OutboxEmail, from: String) -> String {
        let subject = "=?UTF-8?B?" + Data(email.subject.utf8).base64EncodedString() + "?="
        let to = email.toAddress.filter { !$0.isNewline }
        return """
            From: \(from)\r
            To: \(to)\r
            Subject: \(subject)\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 8bit\r
            \r
            \(email.body)\r

            """
    }
}
