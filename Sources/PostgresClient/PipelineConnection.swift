import Logging
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// One libpq connection in pipeline mode, shared by many concurrent requests. Its `PGconn` belongs to one
/// thread (`PipelineEngine`, the connection's own poller), which alone calls libpq: requests only append a
/// job to `pending` under `shared`'s lock and wake that thread through a wake pipe. So no libpq call ever runs
/// on, or blocks, a thread that serves HTTP, and the connection's state has exactly one owner.
final class PipelineConnection: Sendable {
    enum Status: UInt8 {
        /// Opening (first attempt, or a retry that has not failed yet): jobs wait for it.
        case connecting
        /// In pipeline mode and taking jobs.
        case ready
        /// The last attempt failed; the engine retries with backoff, and at once (at most every 50 ms) when a
        /// job comes, so the first request after the database returns succeeds; jobs between attempts fail fast.
        case down
        /// Closed for good.
        case closed
    }

    /// Everything the engine's thread and request threads share, behind one lock. (Not `Synchronization`'s
    /// `Mutex`/`Atomic` as class members: in release builds of this toolchain those corrupted the heap here.)
    struct Shared {
        var pending: [PipelineJob] = []
        var sleeping = false
        var closing = false
        var status = Status.connecting
        /// Jobs submitted and not yet finished: how the client picks the least busy connection and bounds queues.
        var load = 0
        /// Who waits for the engine to end; nil once it has.
        var finishWaiters: [CheckedContinuation<Void, Never>]? = []
        var thread: pthread_t = 0
    }

    let shared = NIOLockedValueBox(Shared())
    /// The read and write ends of the pipe that wakes the engine from `poll(2)`.
    let wakeDescriptor: Int32
    private let wakeWriter: Int32

    var status: Status { shared.withLockedValue { $0.status } }
    /// Both at once (one lock), for picking a connection.
    var statusAndLoad: (status: Status, load: Int) { shared.withLockedValue { ($0.status, $0.load) } }

    init(conninfo: String, statementTimeout: Duration, statements: PGStatementMode, logger: Logger) {
        var ends: [Int32] = [-1, -1]
        // Without its wake pipe the engine could sleep forever with work queued: that is not survivable.
        precondition(pipe(&ends) == 0, "cannot create the database connection's wake pipe (errno \(errno))")
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        wakeDescriptor = ends[0]
        wakeWriter = ends[1]
        let thread = Self.startThread { [self] in
            PipelineEngine(
                connection: self, conninfo: conninfo, statementTimeout: statementTimeout, statements: statements,
                logger: logger
            ).run()
            self.didFinish()
        }
        shared.withLockedValue { $0.thread = thread }
    }

    deinit {
        close(wakeDescriptor)
        close(wakeWriter)
    }

    func setStatus(_ status: Status) {
        shared.withLockedValue { $0.status = status }
    }

    /// Records that `count` jobs have been finished.
    func finished(_ count: Int) {
        guard count > 0 else { return }
        shared.withLockedValue { $0.load -= count }
    }

    /// Queues `job`; false when the connection refuses it (closing), in which case `finish` is not called.
    func submit(_ job: PipelineJob) -> Bool {
        let wake: Bool? = shared.withLockedValue { shared in
            if shared.closing || shared.status == .closed { return nil }
            shared.pending.append(job)
            shared.load += 1
            defer { shared.sleeping = false }
            return shared.sleeping
        }
        guard let wake else { return false }
        if wake { signal() }
        return true
    }

    /// Stops taking jobs, lets those in flight finish, closes the connection; returns when its thread is done.
    func shutdown() async {
        shared.withLockedValue { $0.closing = true }
        signal()
        await withCheckedContinuation { continuation in
            let done = shared.withLockedValue { shared -> Bool in
                guard shared.finishWaiters != nil else { return true }
                shared.finishWaiters!.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
        // The engine has returned; its thread ends right after, so this join is immediate.
        pthread_join(shared.withLockedValue { $0.thread }, nil)
    }

    /// A thread running `body`.
    private static func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t {
        final class Body {
            let run: @Sendable () -> Void
            init(_ run: @escaping @Sendable () -> Void) { self.run = run }
        }
        var thread: pthread_t = 0
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let created = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, context)
        precondition(created == 0, "cannot start a database connection thread (error \(created))")
        return thread
    }

    func signal() {
        var one: UInt8 = 1
        _ = write(wakeWriter, &one, 1)
    }

    private func didFinish() {
        let waiters = shared.withLockedValue { shared in
            shared.status = .closed
            defer { shared.finishWaiters = nil }
            return shared.finishWaiters ?? []
        }
        for waiter in waiters { waiter.resume() }
    }
}
