import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection in pipeline mode, shared by many concurrent requests. Its `PGconn` belongs to one
/// thread (`PipelineEngine`, the connection's own poller), which alone calls libpq: requests only append a
/// job to `pending` under `shared`'s lock and wake that thread through an wake pipe. So no libpq call ever runs
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

    struct Shared {
        var pending: [PipelineJob] = []
        var sleeping = false
        var closing = false
    }

    let shared = Mutex(Shared())
    /// Jobs submitted and not yet finished: how the client picks the least busy connection and bounds queues.
    let load = Atomic<Int>(0)
    private let statusValue = Atomic<UInt8>(Status.connecting.rawValue)
    /// The read and write ends of the pipe that wakes the engine from `poll(2)`.
    let wakeDescriptor: Int32
    private let wakeWriter: Int32
    private let finished = Mutex<[CheckedContinuation<Void, Never>]?>([])

    var status: Status { Status(rawValue: statusValue.load(ordering: .relaxed)) ?? .closed }

    init(conninfo: String, label: String, statementTimeout: Duration, logger: Logger) {
        var ends: [Int32] = [-1, -1]
        // Without its wake pipe the engine could sleep forever with work queued: that is not survivable.
        precondition(pipe(&ends) == 0, "cannot create the database connection's wake pipe (errno \(errno))")
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        wakeDescriptor = ends[0]
        wakeWriter = ends[1]
        let thread = Thread { [self] in
            PipelineEngine(connection: self, conninfo: conninfo, statementTimeout: statementTimeout, logger: logger).run()
            self.didFinish()
        }
        thread.name = label
        thread.start()
    }

    deinit {
        close(wakeDescriptor)
        close(wakeWriter)
    }

    func setStatus(_ status: Status) {
        statusValue.store(status.rawValue, ordering: .relaxed)
    }

    /// Queues `job`; false when the connection refuses it (closing), in which case `finish` is not called.
    func submit(_ job: PipelineJob) -> Bool {
        guard status != .closed else { return false }
        let wake: Bool? = shared.withLock { shared in
            if shared.closing { return nil }
            shared.pending.append(job)
            defer { shared.sleeping = false }
            return shared.sleeping
        }
        guard let wake else { return false }
        load.add(1, ordering: .relaxed)
        if wake { signal() }
        return true
    }

    /// Stops taking jobs, lets those in flight finish, closes the connection; returns when its thread is done.
    func shutdown() async {
        shared.withLock { $0.closing = true }
        signal()
        await withCheckedContinuation { continuation in
            let done = finished.withLock { waiters -> Bool in
                guard waiters != nil else { return true }
                waiters!.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    func signal() {
        var one: UInt8 = 1
        _ = write(wakeWriter, &one, 1)
    }

    private func didFinish() {
        setStatus(.closed)
        let waiters = finished.withLock { waiters in
            defer { waiters = nil }
            return waiters ?? []
        }
        for waiter in waiters { waiter.resume() }
    }
}
