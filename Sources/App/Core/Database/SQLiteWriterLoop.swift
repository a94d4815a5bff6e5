import NIOCore
import NIOPosix

/// The single writer's own event loop (see `SQLiteSingleWriter`), with nothing else on it. Its
/// connection's results come back here, and group commits run their code here as a task
/// executor, so a batch's statements follow each other without waiting behind request work on
/// the loops that serve HTTP. Under load those waits, not SQLite, took most of a batch's time.
final class SQLiteWriterLoop: TaskExecutor {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let loop: any EventLoop

    init() {
        loop = group.next()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }

    func shutdown() {
        try? group.syncShutdownGracefully()
    }

    func shutdownAsync() async {
        try? await group.shutdownGracefully()
    }
}
