import Foundation
import Logging
import PostgresClient
import Testing

/// An echo of typed parameters, to check that every result reaches the request that sent it.
private struct Echo: PGRowDecodable {
    var number: Int
    var text: String?
    var flag: Bool
    static var columns: [(name: String, type: PGType)] { [("number", .int8), ("text", .text), ("flag", .bool)] }
    init(row: PGRow) throws(PGError) {
        number = try row.decode("number")
        text = try row.decode("text")
        flag = try row.decode("flag")
    }
}

private struct Count: PGRowDecodable {
    var n: Int
    static var columns: [(name: String, type: PGType)] { [("n", .int8)] }
    init(row: PGRow) throws(PGError) { n = try row.decode("n") }
}

private let echo = PGQuery<Echo, Int, String?, Bool>("echo", "SELECT $1::bigint AS number, $2::text AS text, $3::boolean AS flag")
private let sleep = PGQuery<PGNoRow, Int>("sleep", "SELECT pg_sleep($1 / 1000.0)")

@Suite("The pipelined client against PostgreSQL", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct PGClientTests {
    let logger = Logger(label: "test")

    @Test(arguments: PGStatementMode.allCases)
    func concurrentRequestsShareTwoConnectionsAndEachGetsItsOwnResult(statements: PGStatementMode) async throws {
        let client = PGClient(conninfo: try TestEnvironment.freshDatabase("pipe"), connections: 2, statements: statements, logger: logger)
        #expect(await client.waitUntilReady(timeout: .seconds(10)))
        let answers = try await withThrowingTaskGroup(of: (Int, Echo).self) { group in
            for index in 0..<500 {
                group.addTask {
                    let text: String? = index % 3 == 0 ? nil : "request \(index) 'quoted' ✓"
                    return (index, try await client.execute(echo, index, text, index % 2 == 0)[0])
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(answers.count == 500)
        for (index, answer) in answers {
            #expect(answer.number == index)
            #expect(answer.text == (index % 3 == 0 ? nil : "request \(index) 'quoted' ✓"))
            #expect(answer.flag == (index % 2 == 0))
        }
        await client.shutdown()
    }

    @Test(arguments: PGStatementMode.allCases)
    func oneFailingStatementDoesNotAbortTheOthersInThePipeline(statements: PGStatementMode) async throws {
        let database = try TestEnvironment.freshDatabase("iso")
        try PGConnection.connect(database).simpleQuery("CREATE TABLE t (id bigint PRIMARY KEY, note text)")
        let insert = PGQuery<PGNoRow, Int, String>("insert_t", "INSERT INTO t VALUES ($1, $2)")
        let client = PGClient(conninfo: database, connections: 1, statements: statements, logger: logger)
        // 100 inserts of 50 distinct keys, all in flight at once on one connection: 50 succeed, 50 are
        // unique violations, and no statement is skipped because of a neighbour's failure.
        let outcomes = await withTaskGroup(of: String.self) { group in
            for index in 0..<100 {
                group.addTask {
                    do {
                        _ = try await client.execute(insert, index % 50, "'); DROP TABLE t; --")
                        return "ok"
                    } catch let error as PGError {
                        return error.isUniqueViolation ? "duplicate" : "other: \(error)"
                    } catch {
                        return "other: \(error)"
                    }
                }
            }
            return await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        }
        #expect(outcomes == ["ok": 50, "duplicate": 50])
        let count = try PGConnection.connect(database).textQuery("SELECT count(*) FROM t WHERE note = $1", ["'); DROP TABLE t; --"])
        #expect(try count.first?.int(0) == 50)
        await client.shutdown()
    }

    /// Unnamed statements leave nothing prepared in the session: what a pooler in transaction mode needs.
    @Test func unnamedStatementsPrepareNothingOnTheServer() async throws {
        let database = try TestEnvironment.freshDatabase("unnamed")
        let prepared = PGQuery<Count>("prepared_count", "SELECT count(*) AS n FROM pg_prepared_statements")
        for (mode, expected) in [(PGStatementMode.unnamed, 0), (.prepared, 1)] {
            let client = PGClient(conninfo: database, connections: 1, statements: mode, logger: logger)
            #expect(await client.waitUntilReady(timeout: .seconds(10)))
            // Twice: a prepared statement is there the second time.
            _ = try await client.execute(prepared)
            #expect(try await client.execute(prepared).first?.n == expected, "\(mode)")
            await client.shutdown()
        }
    }

    @Test func aSlowStatementTimesOutAloneAndTheQueueIsBounded() async throws {
        let client = PGClient(
            conninfo: try TestEnvironment.freshDatabase("slow"), connections: 1,
            maximumQueuedPerConnection: 4, statementTimeout: .seconds(3), logger: logger)
        #expect(await client.waitUntilReady(timeout: .seconds(10)))
        // Waits until the client holds `count` statements: other suites may keep the CPU busy meanwhile.
        func waitForOutstanding(_ count: Int) async throws {
            let deadline = ContinuousClock.now + .seconds(20)
            while client.outstandingStatements < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            try #require(client.outstandingStatements == count)
        }
        let slow = Task { try await client.execute(sleep, 10_000) }
        try await waitForOutstanding(1)
        // Behind the slow statement on the same connection: three more fit the queue of four, the fifth is shed.
        let queued = (0..<3).map { index in Task { try await client.execute(echo, index, nil, true) } }
        try await waitForOutstanding(4)
        await #expect(throws: PGError.self) { try await client.execute(echo, 9, nil, true) }
        do {
            _ = try await slow.value
            Issue.record("a statement over the timeout must fail")
        } catch let error as PGError {
            #expect(error.sqlState == "57014")
            #expect(error.isTransient)
        }
        for (index, task) in queued.enumerated() { #expect(try await task.value.first?.number == index) }
        await client.shutdown()
    }

    @Test func aTerminatedConnectionFailsFastAndReconnectsByItself() async throws {
        let database = try TestEnvironment.freshDatabase("reconnect")
        let client = PGClient(conninfo: database, connections: 1, statementTimeout: .seconds(20), logger: logger)
        #expect(await client.waitUntilReady(timeout: .seconds(10)))
        let inFlight = Task { try await client.execute(sleep, 30_000) }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        _ = try PGConnection.connect(database).textQuery(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", [])
        do {
            _ = try await inFlight.value
            Issue.record("a statement on a terminated connection must fail")
        } catch let error as PGError {
            #expect(error.isTransient)
        }
        // Far sooner than the statement would have ended (30 s) or been cancelled (20 s).
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(await client.waitUntilReady(timeout: .seconds(10)))
        #expect(try await client.execute(echo, 7, "back", false).first?.text == "back")
        await client.shutdown()
    }

    @Test func anUnreachableDatabaseIsAConnectionErrorNotAHang() async throws {
        let client = PGClient(conninfo: "host=127.0.0.1 port=1", connections: 1, logger: logger)
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect(throws: PGError.self) { try await client.execute(echo, 1, nil, true) }
        // An error at once (the connection is refused), not the 5 s statement timeout or a hang; the bound is
        // loose because other suites load the CPU meanwhile.
        #expect(ContinuousClock.now - started < .seconds(4))
        await client.shutdown()
    }

    @Test func blockingConnectionBindsTypedParametersAndReportsSQLState() throws {
        let db = try PGConnection.connect(try TestEnvironment.freshDatabase("sql"))
        try db.simpleQuery("CREATE TABLE t (id bigint PRIMARY KEY, note text)")
        let insert = PGQuery<PGNoRow, Int, String?>("insert_t", "INSERT INTO t VALUES ($1, $2)")
        _ = try db.execute(insert, 1, "x")
        do {
            _ = try db.execute(insert, 1, nil)
            Issue.record("a duplicate key must fail")
        } catch {
            #expect(error.isUniqueViolation)
            #expect(error.kind == .query)
        }
        #expect(try db.execute(echo, -42, "é", false).first?.number == -42)
        #expect(throws: PGError.self) { try PGConnection.connect("host=127.0.0.1 port=1 connect_timeout=1") }
    }
}
