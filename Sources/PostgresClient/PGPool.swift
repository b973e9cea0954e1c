import Logging

/// A bounded set of connections. A caller waits for a free one (up to `acquireTimeout`); a broken
/// connection is dropped and replaced on demand, so a database restart heals without a server restart.
public actor PGPool {
    private let conninfo: String
    public nonisolated let maximumConnections: Int
    private let acquireTimeout: Duration
    private let logger: Logger
    private var idle: [PGConnection] = []
    private var open = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<PGConnection?, any Error>)] = []
    private var nextWaiter = 0
    private var closed = false

    public init(conninfo: String, maximumConnections: Int, acquireTimeout: Duration = .seconds(10), logger: Logger) {
        self.conninfo = conninfo
        self.maximumConnections = max(1, maximumConnections)
        self.acquireTimeout = acquireTimeout
        self.logger = logger
    }

    /// Runs `body` on a leased connection, off the caller's thread.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await connection.run(body)
            release(connection)
            return value
        } catch {
            release(connection)
            throw error
        }
    }

    /// Closes idle connections and refuses new leases.
    public func close() {
        closed = true
        idle.removeAll()
        for waiter in waiters { waiter.continuation.resume(throwing: PGError(.connection, message: "pool closed")) }
        waiters.removeAll()
    }

    private func acquire() async throws -> PGConnection {
        if closed { throw PGError(.connection, message: "pool closed") }
        while let connection = idle.popLast() {
            if connection.isAliveWhileIdle() { return connection }
            open -= 1
        }
        if open < maximumConnections {
            return try await connect()
        }
        let id = nextWaiter
        nextWaiter += 1
        let timeout = acquireTimeout
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            await self?.expire(id)
        }
        defer { timer.cancel() }
        if let connection = try await withCheckedThrowingContinuation({ waiters.append((id, $0)) }) {
            return connection
        }
        return try await connect()
    }

    private func expire(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: PGError(.poolTimeout, message: "no database connection became free in time"))
    }

    private func connect() async throws -> PGConnection {
        open += 1
        let conninfo = self.conninfo
        do {
            return try await Task.detached { try PGConnection.connect(conninfo) }.value
        } catch {
            open -= 1
            logger.error("database connection failed: \(error)")
            throw error
        }
    }

    private func release(_ connection: PGConnection) {
        guard connection.isHealthy, !closed else {
            open -= 1
            // A waiter may open a new connection in its place.
            if !waiters.isEmpty { waiters.removeFirst().continuation.resume(returning: nil) }
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }
}
