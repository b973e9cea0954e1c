import Foundation
import Logging
import PostgresClient
import Testing

@Suite("The connection pool against PostgreSQL", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct PoolTests {
    @Test func poolIsBoundedAndAWaitThatLastsTooLongFailsCleanly() async throws {
        let database = try TestEnvironment.freshDatabase("pool")
        let pool = PGPool(conninfo: database, maximumConnections: 1, acquireTimeout: .milliseconds(300), logger: Logger(label: "test"))
        let slow = Task { try await pool.withConnection { db in try db.simpleQuery("SELECT pg_sleep(1.5)").rows.count } }
        try await Task.sleep(for: .milliseconds(200))
        await #expect(throws: PGError.self) { try await pool.withConnection { db in try db.simpleQuery("SELECT 1").rows.count } }
        #expect(try await slow.value == 1)
        #expect(try await pool.withConnection { db in try db.simpleQuery("SELECT 41 + 1").first?.int(0) } == 42)
        await pool.close()
    }

    @Test func statementsAreParameterisedAndErrorsCarryTheirSQLState() throws {
        let database = try TestEnvironment.freshDatabase("sql")
        let db = try PGConnection.connect(database)
        try db.simpleQuery("CREATE TABLE t (id int PRIMARY KEY, note text)")
        let insert = PGStatement("insert_t", "INSERT INTO t VALUES ($1, $2) RETURNING note")
        let hostile = "'); DROP TABLE t; --"
        #expect(try db.query(insert, ["1", hostile]).first?.string(0) == hostile)
        #expect(try db.query(insert, ["2", nil]).first?.optionalString(0) == nil)
        do {
            _ = try db.query(insert, ["1", "again"])
            Issue.record("a duplicate key must fail")
        } catch {
            #expect(error.isUniqueViolation)
            #expect(error.kind == .query)
        }
        #expect(try db.simpleQuery("SELECT count(*) FROM t").first?.int(0) == 2)
        #expect(throws: PGError.self) { try PGConnection.connect("host=127.0.0.1 port=1 connect_timeout=1") }
    }
}
