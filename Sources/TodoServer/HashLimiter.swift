import Foundation

/// Runs password hashing (CPU- and memory-heavy, ~0.2 s each) at most `concurrency` at a time, with at most
/// `queueLimit` waiting; beyond that the caller gets `Busy` and answers 503 instead of piling up work.
///
/// Each hash runs on a thread of its own at the lowest scheduling priority (nice 19), not on the threads that
/// serve requests: Swift concurrency and `DispatchQueue.global()` share one pool as wide as the machine has
/// cores, so hashing there stalled every other request for as long as a login storm lasted. At nice 19 a hash
/// gets the CPU that requests leave idle, and little more than 1% of a core per hash under full load.
public actor HashLimiter {
    public struct Busy: Error {}

    private let concurrency: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(concurrency: Int, queueLimit: Int) {
        self.concurrency = max(1, concurrency)
        self.queueLimit = max(0, queueLimit)
    }

    /// Hashes running and callers waiting for a slot, for metrics.
    public var load: (running: Int, waiting: Int) { (running, waiting.count) }

    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        if running >= concurrency {
            guard waiting.count < queueLimit else { throw Busy() }
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        defer { finish() }
        return try await withCheckedThrowingContinuation { continuation in
            // A thread per hash: creating one costs microseconds, a hash 200 ms.
            Thread {
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)  // this thread only, on Linux
                continuation.resume(with: Result { try work() })
            }.start()
        }
    }

    /// Hands the slot to the next waiter, or frees it.
    private func finish() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
