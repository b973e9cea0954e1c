import Dispatch

/// Runs password hashing (CPU- and memory-heavy) on its own threads, at most `concurrency` at a time, with at
/// most `queueLimit` waiting. Beyond that the caller gets `Busy` and answers 503 instead of piling up work.
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

    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        if running >= concurrency {
            guard waiting.count < queueLimit else { throw Busy() }
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        defer { finish() }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
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
