import Logging
import PostgresClient
import Testing
import TodoStore

/// Every statement of the product, described by PostgreSQL against the migrated schema: its parameter types
/// are the ones the Swift declaration binds, and its result has exactly the columns (names and types) its
/// row reader reads. A migration or a query edit that breaks this fails here, not in a request.
@Suite("Typed statements against the schema", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct StatementTests {
    /// Instances that start together take turns (a transaction-scoped lock, safe behind a pooler): each
    /// migration is applied exactly once, by one of them, and both start.
    @Test func instancesMigratingTogetherApplyEachMigrationOnce() async throws {
        let database = try TestEnvironment.freshDatabase("migrate_race")
        let runs = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 { group.addTask { try Migrations.run(database, logger: Logger(label: "test")) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(runs.flatMap { $0 }.sorted() == Migrations.all.map(\.version))
        let recorded = try PGConnection.connect(database).textQuery("SELECT count(*) FROM schema_migrations", [])
        #expect(try recorded.first?.int(0) == Migrations.all.count)
        #expect(try Migrations.run(database, logger: Logger(label: "test")).isEmpty)
    }

    /// A list on a long-lived connection (a prepared statement, run many times) must not read the whole table when
    /// one user owns most of the tasks: every other user's list would pay for it.
    @Test func aListStaysOnTheIndexWhenOneUserOwnsMostTasks() throws {
        let database = try TestEnvironment.freshDatabase("skew")
        try Migrations.run(database, logger: Logger(label: "test"))
        let db = try PGConnection.connect(database)
        try db.simpleQuery(
            """
            INSERT INTO users (email, password_hash) VALUES ('few@example.com', 'x'), ('many@example.com', 'x');
            INSERT INTO tasks (user_id, title, description) SELECT 1, 'few', 'seed' FROM generate_series(1, 20);
            INSERT INTO tasks (user_id, title, description) SELECT 2, 'wrk task', 'created by the benchmark' FROM generate_series(1, 18000);
            """)
        try db.simpleQuery("VACUUM ANALYZE tasks")  // not in a transaction: one statement
        try db.simpleQuery("PREPARE list(bigint, boolean, bigint, bigint, bigint) AS \(TodoStore.SQL.listTasks.sql)")
        // Past the five executions after which PostgreSQL may settle on a generic plan.
        for _ in 0..<8 { _ = try db.simpleQuery("EXECUTE list(1, NULL, 10, 0, 0)") }
        let plan = try db.simpleQuery("EXPLAIN EXECUTE list(1, NULL, 10, 0, 0)")
        let lines = plan.rows.compactMap { $0.optionalString(0) }
        #expect(lines.contains { $0.contains("tasks_user_created_completed_idx") })
        #expect(!lines.contains { $0.contains("Seq Scan on tasks") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func everyStatementMatchesItsDeclaredTypes() throws {
        let database = try TestEnvironment.freshDatabase("statements")
        try Migrations.run(database, logger: Logger(label: "test"))
        let db = try PGConnection.connect(database)
        typealias SQL = TodoStore.SQL
        var checked: [String] = []
        try check(db, SQL.ping, &checked)
        try check(db, SQL.insertUser, &checked)
        try check(db, SQL.userByEmail, &checked)
        try check(db, SQL.userByToken, &checked)
        try check(db, SQL.setPasswordHash, &checked)
        try check(db, SQL.revokeTokens, &checked)
        try check(db, SQL.changePassword, &checked)
        try check(db, SQL.listTasks, &checked)
        try check(db, SQL.insertTask, &checked)
        try check(db, SQL.insertTaskIdempotent, &checked)
        try check(db, SQL.task, &checked)
        try check(db, SQL.updateTask, &checked)
        try check(db, SQL.toggleTask, &checked)
        try check(db, SQL.deleteTask, &checked)
        try check(db, SQL.expireIdempotencyKeys, &checked)
        // A statement added to the product but not here would go unchecked.
        #expect(Set(checked).isSuperset(of: SQL.all.map(\.name)))
    }

    private func check<Row, each Parameter>(_ db: PGConnection, _ query: PGQuery<Row, repeat each Parameter>, _ checked: inout [String]) throws {
        checked.append(query.name)
        let description = try db.describe(query)
        #expect(description.parameters == query.parameterTypes.map(\.oid), "parameters of \(query.name)")
        let expected = Row.columns.map { "\($0.name): \($0.type.oid)" }
        let actual = description.columns.map { "\($0.name): \($0.type)" }
        #expect(actual == expected, "columns of \(query.name)")
    }
}
