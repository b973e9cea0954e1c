import CLibPQ
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// The thread that owns one `PGconn`: connects without blocking (`PQconnectStart`/`PQconnectPoll`), runs the
/// connection in non-blocking pipeline mode, sends queued jobs, and matches results to jobs in order. It
/// sleeps only in `poll(2)` on the connection's socket and the wake pipe, never in libpq. It is created
/// and used on that thread alone, so nothing here is shared or locked except `PipelineConnection.shared`.
final class PipelineEngine {
    private enum State {
        case down(retryAt: ContinuousClock.Instant)
        case connecting(OpaquePointer, PostgresPollingStatusType, deadline: ContinuousClock.Instant)
        case ready(OpaquePointer)
    }

    private let connection: PipelineConnection
    private let conninfo: String
    private let statementTimeout: Duration
    private let statements: PGStatementMode
    private let logger: Logger
    private let clock = ContinuousClock()
    private var state: State
    /// Statements prepared on the current connection (or whose prepare is in flight).
    private var prepared: Set<String> = []
    /// What the server will answer next, oldest first; `head` indexes the oldest not yet answered.
    private var entries: [PipelineEntry] = []
    private var head = 0
    /// The current entry has delivered its result and waits for the NULL that ends it.
    private var headAnswered = false
    /// The error of a failed prepare, given to the execute it was sent for (which the server skips).
    private var prepareError: PGError?
    private var needsFlush = false
    /// When the head entry started waiting for its answer (it was sent, or the entry before it was answered).
    private var headSince = ContinuousClock.now
    /// A successful statement's job and result, waiting for the sync that commits it.
    private var held: (job: PipelineJob, result: OpaquePointer)?
    private var backoff: Duration = .zero
    private var wasReady = false
    private var warnedMissingStatement = false
    private var lastAttempt = ContinuousClock.now

    init(connection: PipelineConnection, conninfo: String, statementTimeout: Duration, statements: PGStatementMode, logger: Logger) {
        self.connection = connection
        self.conninfo = conninfo
        self.statementTimeout = statementTimeout
        self.statements = statements
        self.logger = logger
        self.state = .down(retryAt: ContinuousClock.now)
    }

    func run() {
        while true {
            let closing = connection.shared.withLockedValue { $0.closing }
            if closing && !hasWork { break }
            switch state {
            case .down(let retryAt):
                if closing {
                    failAll(PGError(.connection, message: "the database client is closed"))
                } else if clock.now >= retryAt {
                    startConnecting()
                } else if connection.shared.withLockedValue({ !$0.pending.isEmpty }) {
                    // A request while down: try again now (the database may be back), but at most every
                    // 50 ms; between attempts requests fail at once with a 503.
                    if clock.now - lastAttempt >= .milliseconds(50) {
                        startConnecting()
                    } else {
                        failAll(PGError(.connection, message: "the database is unreachable"))
                    }
                } else {
                    wait(socket: nil, until: retryAt)
                }
            case .connecting(let conn, let polling, let deadline):
                advanceConnecting(conn, polling, deadline: deadline)
            case .ready(let conn):
                serve(conn, closing: closing)
            }
        }
        if case .ready(let conn) = state { PQfinish(conn) }
        if case .connecting(let conn, _, _) = state { PQfinish(conn) }
        failAll(PGError(.connection, message: "the database client is closed"))
    }

    private var hasWork: Bool {
        head < entries.count || connection.shared.withLockedValue { !$0.pending.isEmpty }
    }

    // MARK: Connecting

    private func startConnecting() {
        lastAttempt = clock.now
        connection.setStatus(.connecting)
        guard let conn = PQconnectStart(conninfo) else {
            return connectionFailed(nil, "out of memory")
        }
        if PQstatus(conn) == CONNECTION_BAD { return connectionFailed(conn, libpqMessage(PQerrorMessage(conn))) }
        state = .connecting(conn, PGRES_POLLING_WRITING, deadline: clock.now + .seconds(5))
    }

    private func advanceConnecting(_ conn: OpaquePointer, _ polling: PostgresPollingStatusType, deadline: ContinuousClock.Instant) {
        // libpq may open a new socket between polls (another host, SSL retry): read it each time.
        let events = polling == PGRES_POLLING_READING ? Int16(POLLIN) : Int16(POLLOUT)
        let ready = wait(socket: (PQsocket(conn), events), until: deadline)
        if !ready && clock.now >= deadline { return connectionFailed(conn, "timed out connecting") }
        if !ready { return }
        let next = PQconnectPoll(conn)
        switch next {
        case PGRES_POLLING_OK: connected(conn)
        case PGRES_POLLING_FAILED: connectionFailed(conn, libpqMessage(PQerrorMessage(conn)))
        default: state = .connecting(conn, next, deadline: deadline)
        }
    }

    private func connected(_ conn: OpaquePointer) {
        guard PQsetnonblocking(conn, 1) == 0, PQenterPipelineMode(conn) == 1 else {
            return connectionFailed(conn, "cannot enter pipeline mode: \(libpqMessage(PQerrorMessage(conn)))")
        }
        state = .ready(conn)
        prepared = []
        backoff = .zero
        connection.setStatus(.ready)
        if wasReady { logger.notice("database connection restored") }
        wasReady = true
        // Behind a pooler in transaction mode a session setting would land on whichever server connection
        // runs it, and stay there for other clients: set `statement_timeout` on the role instead.
        guard statements == .prepared else { return }
        // The server ends a statement that runs too long, so a slow query fails alone (57014) instead of
        // tripping the client-side deadline that drops the whole connection.
        let milliseconds = statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000
        guard PQsendQueryParams(conn, "SET statement_timeout = \(milliseconds)", 0, nil, nil, nil, nil, 1) == 1,
            PQpipelineSync(conn) == 1
        else {
            return lost(conn, PGError(.connection, message: libpqMessage(PQerrorMessage(conn))))
        }
        entries.append(.execute(nil))
        entries.append(.sync)
        needsFlush = true
    }

    private func connectionFailed(_ conn: OpaquePointer?, _ message: String) {
        if let conn { PQfinish(conn) }
        backoff = backoff == .zero ? .milliseconds(100) : min(backoff * 2, .seconds(2))
        logger.warning("database connection failed (retrying in \(backoff)): \(message)")
        state = .down(retryAt: clock.now + backoff)
        connection.setStatus(.down)
        failAll(PGError(.connection, message: message))
    }

    /// A broken or stuck connection: every job on it fails now (their requests answer 503 at once), and a new
    /// connection is opened right away, then with backoff while that fails.
    private func lost(_ conn: OpaquePointer, _ error: PGError) {
        logger.warning("database connection lost: \(error.message)")
        PQfinish(conn)
        connection.setStatus(.connecting)
        state = .down(retryAt: clock.now)
        failAll(error)
    }

    private func failAll(_ error: PGError) {
        var failed = 0
        // The head entry's job has been finished already when its result came in.
        for (index, entry) in entries.enumerated() where index > head || (index == head && !headAnswered) {
            if case .execute(let job?) = entry {
                job.finish(.failure(error))
                failed += 1
            }
        }
        if let (job, result) = held {
            job.finish(.failure(error))
            PQclear(result)
            held = nil
            failed += 1
        }
        entries.removeAll(keepingCapacity: true)
        head = 0
        headAnswered = false
        prepareError = nil
        needsFlush = false
        let pending = connection.shared.withLockedValue { shared in
            defer { shared.pending.removeAll() }
            return shared.pending
        }
        for job in pending { job.finish(.unsent(error)) }
        connection.finished(failed + pending.count)
    }
}

extension PipelineEngine {
    // MARK: Serving

    private func serve(_ conn: OpaquePointer, closing: Bool) {
        let jobs = connection.shared.withLockedValue { shared in
            defer { shared.pending.removeAll(keepingCapacity: true) }
            return shared.pending
        }
        for (index, job) in jobs.enumerated() {
            let outcome = send(job, on: conn)
            guard outcome != .sent else { continue }
            // The jobs after this one, and this one unless its execute went out, never reached `entries`: they
            // go back as unsent (safe to retry); `lost` fails what is in `entries`.
            let error = PGError(.connection, message: libpqMessage(PQerrorMessage(conn)))
            let unsent = jobs[(outcome == .notSent ? index : index + 1)...]
            for job in unsent { job.finish(.unsent(error)) }
            connection.finished(unsent.count)
            return lost(conn, error)
        }
        if needsFlush {
            switch PQflush(conn) {
            case 0: needsFlush = false
            case 1: break
            default: return lost(conn, PGError(.connection, message: libpqMessage(PQerrorMessage(conn))))
            }
        }
        // Sending may have read answers into libpq's buffer (and TLS may hold decrypted bytes poll cannot
        // see): take what is complete before sleeping on the socket.
        if !jobs.isEmpty || PQsslInUse(conn) == 1 {
            guard PQconsumeInput(conn) == 1 else { return lost(conn, PGError(.connection, message: libpqMessage(PQerrorMessage(conn)))) }
            readResults(conn)
            guard case .ready = state else { return }
        }
        // The server answers statements in order, each within the statement timeout: the oldest unanswered
        // entry waiting much longer than that means the connection is stuck.
        let deadline = head < entries.count ? headSince + statementTimeout + .seconds(2) : nil
        if let deadline, clock.now >= deadline {
            return lost(conn, PGError(.timeout, message: "no answer from the database within \(statementTimeout) and a grace period"))
        }
        var events = Int16(POLLIN)
        if needsFlush { events |= Int16(POLLOUT) }
        guard wait(socket: (PQsocket(conn), events), until: deadline) else { return }
        guard PQconsumeInput(conn) == 1 else {
            return lost(conn, PGError(.connection, message: libpqMessage(PQerrorMessage(conn))))
        }
        readResults(conn)
    }

    /// How far `send` got: a job whose execute went out is in `entries` and is finished by a result or
    /// `failAll`; one that did not get that far is the caller's to finish.
    private enum SendOutcome {
        case sent
        case executeQueuedThenFailed
        case notSent
    }

    /// Prepare (first use on this connection), execute with binary parameters and results, sync; or, with
    /// unnamed statements, parse-bind-execute in one and sync.
    private func send(_ job: PipelineJob, on conn: OpaquePointer) -> SendOutcome {
        let count = Int32(job.bindings.count)
        if head == entries.count { headSince = clock.now }
        if statements == .unnamed {
            let types = job.bindings.types.map { Oid($0.oid) }
            let sent = job.bindings.withLibPQArrays { values, lengths, formats in
                PQsendQueryParams(conn, job.sql, count, types, values, lengths, formats, 1)
            }
            guard sent == 1 else { return .notSent }
        } else if !prepared.contains(job.name) {
            let types = job.bindings.types.map { Oid($0.oid) }
            guard PQsendPrepare(conn, job.name, job.sql, count, types) == 1 else { return .notSent }
            prepared.insert(job.name)
            entries.append(.prepare(name: job.name))
        }
        if statements == .prepared {
            let sent = job.bindings.withLibPQArrays { values, lengths, formats in
                PQsendQueryPrepared(conn, job.name, count, values, lengths, formats, 1)
            }
            guard sent == 1 else { return .notSent }
        }
        entries.append(.execute(job))
        guard PQpipelineSync(conn) == 1 else { return .executeQueuedThenFailed }
        entries.append(.sync)
        needsFlush = true
        return .sent
    }

    /// Hands every complete answer to its job, in order; a connection the server is closing is dropped.
    ///
    /// A successful statement's result is held until its sync arrives: the implicit transaction commits at
    /// the sync, so only then is the write known to be durable (an error at commit fails the job instead).
    private func readResults(_ conn: OpaquePointer) {
        var finished = 0
        var terminating = false
        defer {
            if finished > 0 { connection.finished(finished) }
            // Only while still ready: `lost` below (a pipeline out of step) has already closed `conn`.
            if case .ready = state, terminating || PQstatus(conn) == CONNECTION_BAD {
                lost(conn, PGError(.connection, message: "the server closed the connection"))
            }
        }
        while head < entries.count, PQisBusy(conn) == 0 {
            guard let result = PQgetResult(conn) else {
                // NULL ends the current statement's results; without a result first, nothing more has arrived.
                guard headAnswered else { break }
                advance()
                continue
            }
            var keep = false
            defer { if !keep { PQclear(result) } }
            let status = PQresultStatus(result)
            let error = PGError(result: result, connectionOK: PQstatus(conn) == CONNECTION_OK)
            if let error, error.sqlState?.hasPrefix("57P") == true {
                // 57P01-57P03: the server is terminating this session; send nothing more on it.
                terminating = true
            }
            switch entries[head] {
            case .prepare(let name):
                if let error {
                    prepareError = error
                    prepared.remove(name)
                    logger.error("cannot prepare \(name): \(error)")
                }
                headAnswered = true
            case .execute(let job):
                if let job {
                    if let failure = status == PGRES_PIPELINE_ABORTED ? (prepareError ?? error) : error {
                        if failure.sqlState == "26000" && statements == .prepared && !warnedMissingStatement {
                            // Prepared on this connection, unknown on the server: a pooler in transaction mode.
                            warnedMissingStatement = true
                            logger.error(
                                "the server does not know the prepared statement \(job.name): behind a pooler in transaction mode (PgBouncer before 1.21) set DB_STATEMENTS=unnamed"
                            )
                        }
                        job.finish(.failure(failure))
                        finished += 1
                    } else {
                        held = (job, result)
                        keep = true
                    }
                } else if let error {
                    logger.error("connection set-up statement failed: \(error)")
                }
                headAnswered = true
            case .sync:
                let committed = status == PGRES_PIPELINE_SYNC
                if let (job, heldResult) = held {
                    job.finish(committed ? .result(heldResult) : .failure(error ?? PGError(.connection, message: "no sync")))
                    PQclear(heldResult)
                    held = nil
                    finished += 1
                }
                guard committed else {
                    return lost(
                        conn, PGError(.connection, message: "pipeline out of step: expected a sync, got \(String(cString: PQresStatus(status)))"))
                }
                prepareError = nil
                advance()
            }
        }
    }

    private func advance() {
        head += 1
        headAnswered = false
        headSince = clock.now
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 {
            entries.removeFirst(head)
            head = 0
        }
    }

    // MARK: Waiting

    /// Sleeps until the socket is ready for `events`, a job is queued, or `deadline`; true when the socket
    /// is ready. Declares itself asleep first, so `submit` knows to signal the wake pipe.
    @discardableResult
    func wait(socket: (descriptor: Int32, events: Int16)?, until deadline: ContinuousClock.Instant?) -> Bool {
        let mustRun = connection.shared.withLockedValue { shared -> Bool in
            // Queued jobs are work now, except while connecting (they wait for the connection).
            let hasPending = !shared.pending.isEmpty && !isConnecting
            // With statements in flight, the socket wakes this thread soon anyway: jobs queued meanwhile go out
            // with the next batch, and their submitters skip the wake-up write (a syscall each).
            if !hasPending { shared.sleeping = head == entries.count }
            return hasPending
        }
        var descriptors = [pollfd(fd: connection.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        if let socket { descriptors.append(pollfd(fd: socket.descriptor, events: socket.events, revents: 0)) }
        var timeout: Int32 = -1
        if mustRun {
            timeout = 0
        } else if let deadline {
            let remaining = deadline - clock.now
            timeout =
                remaining <= .zero
                ? 0 : Int32(min(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1, 60_000))
        }
        let count = poll(&descriptors, nfds_t(descriptors.count), timeout)
        connection.shared.withLockedValue { $0.sleeping = false }
        if count > 0, descriptors[0].revents != 0 {
            var drain = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            _ = withUnsafeMutableBytes(of: &drain) { read(connection.wakeDescriptor, $0.baseAddress, $0.count) }
        }
        return count > 0 && descriptors.count > 1 && descriptors[1].revents != 0
    }

    private var isConnecting: Bool {
        if case .connecting = state { return true }
        return false
    }
}
