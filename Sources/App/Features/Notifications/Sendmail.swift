import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Hands one message to a local `sendmail` program (`sendmail -t -i`: recipients from the
/// headers, a lone dot is not the end) and waits for it to finish.
///
/// Started with `posix_spawn`, not Foundation's `Process`: on Linux `Process.run()` lists
/// `/proc/self/fd` to close the child's descriptors and copies each entry's whole 256-byte name,
/// reading past glibc's buffer when an entry ends a page (swift-corelibs-foundation #5472). It
/// crashed the test process once, and a serving node holds many descriptors, so it could crash a
/// node. Here nothing is listed: the descriptors this process opens are close-on-exec (NIO's
/// sockets, SQLite's files, the pipe below), so sendmail gets only its standard three.
enum Sendmail {
    struct Failed: Error, CustomStringConvertible {
        let status: Int32
        var description: String { "sendmail exited with status \(status)" }
    }

    struct CouldNotRun: Error, CustomStringConvertible {
        let path: String
        let step: String
        let code: Int32
        var description: String { "sendmail (\(path)) failed to \(step): \(String(cString: strerror(code)))" }
    }

    static func send(_ message: String, path: String) async throws {
        let input = Array(message.utf8)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            // Writing to it and waiting for it block a thread: not one of Swift's few.
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(path, arguments: ["-t", "-i"], input: input) })
            }
        }
        guard status == 0 else { throw Failed(status: status) }
    }

    /// A reader that quits early must fail the write (EPIPE), not end this process with SIGPIPE.
    private static let ignoringBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// Runs `path` with `input` on its standard input and its output thrown away; returns its
    /// exit status (128 + the signal's number if a signal ended it).
    private static func run(_ path: String, arguments: [String], input: [UInt8]) throws -> Int32 {
        _ = ignoringBrokenPipes
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw CouldNotRun(path: path, step: "open a pipe", code: errno) }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // Neither end may outlive the exec: the child reads through its own copy on 0.
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            throw CouldNotRun(path: path, step: "start", code: spawned)
        }
        var writeError: Int32 = 0
        input.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let count = write(writeEnd, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    writeError = errno
                    break
                }
                written += count
            }
        }
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw CouldNotRun(path: path, step: "finish", code: errno) }
        }
        let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + status & 0x7F
        if exit == 0, writeError != 0 { throw CouldNotRun(path: path, step: "take the message", code: writeError) }
        return exit
    }
}
