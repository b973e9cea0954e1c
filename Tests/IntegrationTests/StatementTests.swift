import PostgresClient
import Testing
import TodoStore
import Logging

/// Every statement of the product, described by PostgreSQL against the migrated schema: its parameter types
/// are the ones the Swift declaration binds, and its result has exactly the columns (names and types) its
/// row reader reads. A migration or a query edit that breaks this fails here, not in a request.
@Suite("Typed statements against the schema", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct StatementTests {
    @Test func everyStatementMatchesItsDeclaredTypes() throws {
        let database = try TestEnvironment.freshDatabase("statements")
        try Migrations.run(database, logger: Logger(label: "test"))
        let db = try PGConnection.connect(database)
        typealias SQL = TodoStore.SQL
        try check(db, SQL.insertUser)
        try check(db, SQL.userByEmail)
        try check(db, SQL.userById)
        try check(db, SQL.setPasswordHash)
        try check(db, SQL.listTasks)
        try check(db, SQL.insertTask)
        try check(db, SQL.task)
        try check(db, SQL.updateTask)
        try check(db, SQL.toggleTask)
        try check(db, SQL.deleteTask)
    }

    private func check<Row, each Parameter>(_ db: PGConnection, _ query: PGQuery<Row, repeat each Parameter>) throws {
        let description = try db.describe(query)
        #expect(description.parameters == query.parameterTypes.map(\.oid), "parameters of \(query.name)")
        let expected = Row.columns.map { "\($0.name): \($0.type.oid)" }
        let actual = description.columns.map { "\($0.name): \($0.type)" }
        #expect(actual == expected, "columns of \(query.name)")
    }
}
