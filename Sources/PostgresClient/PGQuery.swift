/// A statement that declares its parameter types and its row type. Calls are checked by the compiler:
/// `client.execute(Q.task, taskId, userId)` only compiles with the declared number and types of
/// parameters, and yields `[Row]`. Prepared once per connection under `name`.
///
/// ```swift
/// static let task = PGQuery<TaskRecord, Int, Int>("task", "SELECT ... WHERE id = $1 AND user_id = $2")
/// ```
public struct PGQuery<Row: PGRowDecodable, each Parameter: PGEncodable>: Sendable {
    public let name: String
    public let sql: String

    public init(_ name: String, _ sql: String) {
        self.name = name
        self.sql = sql
    }

    /// The declared parameter types, in order (sent when the statement is prepared).
    public var parameterTypes: [PGType] {
        let builder = TypeList()
        _ = (repeat builder.append((each Parameter).self))
        return builder.types
    }

    /// The statement without its Swift types: for listings, `EXPLAIN` and benchmarks.
    public var info: PGStatementInfo { PGStatementInfo(name: name, sql: sql, parameterTypes: parameterTypes) }

    func bind(_ values: repeat each Parameter) -> PGBindings {
        let builder = PGBindings.Builder()
        _ = (repeat builder.bind(each values))
        return builder.bindings
    }
}

/// Collects a parameter pack's types (see `PGBindings.Builder`).
private final class TypeList {
    var types: [PGType] = []
    func append<Value: PGEncodable>(_ type: Value.Type) { types.append(Value.pgType) }
}

/// A statement's name, SQL and parameter types.
public struct PGStatementInfo: Sendable {
    public let name: String
    public let sql: String
    public let parameterTypes: [PGType]
}

/// A row type read from a result by column name, each column with the Swift type it is declared as.
public protocol PGRowDecodable: Sendable {
    /// The columns this reader reads and their types; checked against the statement's description in tests.
    static var columns: [(name: String, type: PGType)] { get }
    init(row: PGRow) throws(PGError)
}

/// A statement whose result rows are ignored (or that returns none).
public struct PGNoRow: PGRowDecodable {
    public static var columns: [(name: String, type: PGType)] { [] }
    public init(row: PGRow) {}
}
