import Logging
import NIOConcurrencyHelpers

/// The product's database client: a few pipelined connections (`PipelineConnection`) that carry the
/// statements of many concurrent requests. Each call is one statement and one pipeline sync, so one
/// request's failure never aborts another's; results come back in order on the connection's thread.
///
/// Load is bounded: a call goes to the connection with the fewest unfinished statements, and when even that
/// one has `maximumQueuedPerConnection`, the call fails at once with `.overloaded` (a 503 with
/// `Retry-After`), so a burst never builds an unbounded queue. While the database is unreachable calls fail
/// fast with `.connection`; the connections reconnect with backoff by themselves.
public final class PGClient: Sendable {
    private let connections: [PipelineConnection]
    public let maximumQueuedPerConnection: Int
    public let statementTimeout: Duration
    /// Rotates where `pick` starts scanning.
    private let nextStart = NIOLockedValueBox(0)

    /// - Parameters:
    ///   - connections: pipelined connections to open (a few per core are plenty).
    ///   - statementTimeout: the server cancels a statement after this; with no answer at all a little
    ///     later, the connection is dropped and its statements fail with `.timeout`.
    ///   - statements: `.prepared` (each statement parsed once per connection) or `.unnamed` (parsed with
    ///     every execution, and no session state), for a pooler in transaction mode such as PgBouncer 1.18.
    public init(
        conninfo: String, connections: Int, maximumQueuedPerConnection: Int = 256,
        statementTimeout: Duration = .seconds(5), statements: PGStatementMode = .prepared, logger: Logger
    ) {
        self.maximumQueuedPerConnection = max(1, maximumQueuedPerConnection)
        self.statementTimeout = statementTimeout
        self.connections = (0..<max(1, connections)).map { index in
            PipelineConnection(conninfo: conninfo, statementTimeout: statementTimeout, statements: statements, logger: logger)
        }
    }

    /// Runs `query` with `values` and returns its rows, read by the query's row type. A statement that a
    /// failing connection never sent is sent once more (on a new connection, or another one).
    public func execute<Row, each Parameter>(_ query: PGQuery<Row, repeat each Parameter>, _ values: repeat each Parameter) async throws -> [Row] {
        let bindings = query.bind(repeat each values)
        switch try await attempt(query.name, query.sql, bindings, as: Row.self) {
        case .rows(let rows): return rows
        case .unsent:
            switch try await attempt(query.name, query.sql, bindings, as: Row.self) {
            case .rows(let rows): return rows
            case .unsent(let error): throw error
            }
        }
    }

    private enum Attempt<Row: Sendable>: Sendable {
        case rows([Row])
        case unsent(PGError)
    }

    private func attempt<Row: PGRowDecodable>(_ name: String, _ sql: String, _ bindings: PGBindings, as: Row.Type) async throws -> Attempt<Row> {
        let connection = try pick()
        return try await withUnsafeThrowingContinuation { continuation in
            let job = PipelineJob(name: name, sql: sql, bindings: bindings) { outcome in
                switch outcome {
                case .result(let result):
                    do throws(PGError) {
                        continuation.resume(returning: .rows(try decodeRows(result, as: Row.self)))
                    } catch {
                        continuation.resume(throwing: error)
                    }
                case .failure(let error):
                    continuation.resume(throwing: error)
                case .unsent(let error):
                    continuation.resume(returning: .unsent(error))
                }
            }
            if !connection.submit(job) {
                continuation.resume(throwing: PGError(.connection, message: "the database client is closed"))
            }
        }
    }

    /// True when at least one connection is open and in pipeline mode.
    public var isReady: Bool { connections.contains { $0.status == .ready } }

    /// How many connections the pool keeps, and how many are open and in pipeline mode now (for metrics).
    public var connectionStates: (ready: Int, total: Int) {
        (connections.reduce(0) { $0 + ($1.status == .ready ? 1 : 0) }, connections.count)
    }

    /// Statements submitted and not yet answered, over all connections (for metrics and tests).
    public var outstandingStatements: Int { connections.reduce(0) { $0 + $1.statusAndLoad.load } }

    /// Waits until a connection is ready or `timeout` passes (at start-up, so the first requests do not race
    /// the first connection).
    public func waitUntilReady(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isReady {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Lets statements in flight finish, then closes every connection.
    public func shutdown() async {
        for connection in connections { await connection.shutdown() }
    }

    /// The connection with the fewest unfinished statements, ready ones first, starting the scan at a
    /// rotating index so ties spread out.
    private func pick() throws(PGError) -> PipelineConnection {
        let start = nextStart.withLockedValue { next in
            next = (next &+ 1) & Int.max
            return next
        }
        var best: PipelineConnection?
        var bestScore = Int.max
        var bestLoad = 0
        for offset in connections.indices {
            let connection = connections[(start + offset) % connections.count]
            let (status, load) = connection.statusAndLoad
            guard status != .closed else { continue }
            let score = status == .ready ? load : load + 1_000_000
            if score < bestScore {
                best = connection
                bestScore = score
                bestLoad = load
            }
        }
        guard let best else { throw PGError(.connection, message: "the database client is closed") }
        guard bestLoad < maximumQueuedPerConnection else {
            throw PGError(.overloaded, message: "\(bestLoad) statements already wait on every connection")
        }
        return best
    }
}

/// How statements are sent: prepared once per connection under their name, or unnamed with every execution.
public enum PGStatementMode: String, Sendable, CaseIterable {
    /// Parsed and planned once per connection: the fastest, for a direct connection or a session pooler.
    case prepared
    /// Parsed with each execution and no session state kept: for a pooler in transaction mode (PgBouncer
    /// before 1.21 keeps no named prepared statement there), where the next statement may run on another
    /// server connection.
    case unnamed
}
