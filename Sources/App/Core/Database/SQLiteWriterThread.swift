import NIOCore
import NIOPosix

/// The single writer's own threads (see `SQLiteSingleWriter`): an event loop for its connection
/// pool, which serves no HTTP, and one thread on which every statement of its connection runs.
///
/// That thread is also a task executor: a group commit runs its code there, so each statement
/// is queued to the thread the task is already on, and a batch runs from BEGIN to COMMIT
/// without a thread switch. With a hop to a pool thread and back per statement, the batch spent
/// most of its time waiting to be scheduled again, not in SQLite.
///
/// Nothing may wait on this thread for work queued behind it (a future's `wait()`, a lock held
/// across an `await`): the thread would wait for itself.
final class SQLiteWriterThread: TaskExecutor {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let loop: any EventLoop
    let pool = NIOThreadPool(numberOfThreads: 1)

    init() {
        loop = group.next()
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // Runs even when the pool has stopped (the item is then called at once): a job never run
        // would leave its task waiting forever.
        pool.submit { _ in job.runSynchronously(on: executor) }
    }

    func shutdown() {
        try? pool.syncShutdownGracefully()
        try? group.syncShutdownGracefully()
    }

    func shutdownAsync() async {
        try? await pool.shutdownGracefully()
        try? await group.shutdownGracefully()
    }
}
