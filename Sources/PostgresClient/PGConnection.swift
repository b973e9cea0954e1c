import CLibPQ
import Dispatch
import Foundation

/// One libpq connection, owned by this object and closed in `deinit`. Its calls block, so they run on the
/// connection's own serial queue (`run`), never on an event loop; a connection is used by one lease at a time.
public final class PGConnection: Sendable {
    nonisolated(unsafe) private var handle: OpaquePointer?
    nonisolated(unsafe) private var prepared: Set<String> = []
    private let queue: DispatchQueue

    private init(handle: OpaquePointer) {
        self.handle = handle
        self.queue = DispatchQueue(label: "todo-api.postgres.connection")
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Connects (blocking) with a libpq URI or keyword string, and sets the session to UTC.
    public static func connect(_ conninfo: String) throws(PGError) -> PGConnection {
        guard let handle = PQconnectdb(conninfo) else { throw PGError(.connection, message: "out of memory") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines
            PQfinish(handle)
            throw PGError(.connection, message: message)
        }
        let connection = PGConnection(handle: handle)
        _ = try connection.simpleQuery("SET TimeZone = 'UTC'")
        return connection
    }

    public var isHealthy: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// For an idle connection: reads whatever the server sent meanwhile (a shutdown notice, EOF) without a
    /// round trip, so a connection to a restarted server is noticed before a request is given it.
    func isAliveWhileIdle() -> Bool {
        guard let handle else { return false }
        return PQconsumeInput(handle) == 1 && PQstatus(handle) == CONNECTION_OK
    }

    /// Runs blocking work with this connection on its own thread.
    public func run<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(self) })
            }
        }
    }

    /// One statement with bound text parameters; prepared once per connection under `name`.
    public func query(_ statement: PGStatement, _ parameters: [String?] = []) throws(PGError) -> PGRows {
        guard let handle else { throw PGError(.connection, message: "connection closed") }
        if !prepared.contains(statement.name) {
            let result = PQprepare(handle, statement.name, statement.sql, Int32(parameters.count), nil)
            defer { PQclear(result) }
            _ = try check(result)
            prepared.insert(statement.name)
        }
        return try withCStrings(parameters) { (pointers) throws(PGError) -> PGRows in
            let result = PQexecPrepared(handle, statement.name, Int32(parameters.count), pointers, nil, nil, 0)
            defer { PQclear(result) }
            return PGRows(try check(result))
        }
    }

    /// Text that may hold several statements and takes no parameters (migrations, SET, BEGIN).
    @discardableResult
    public func simpleQuery(_ sql: String) throws(PGError) -> PGRows {
        guard let handle else { throw PGError(.connection, message: "connection closed") }
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        return PGRows(try check(result))
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try simpleQuery("BEGIN")
        do {
            let value = try body(self)
            try simpleQuery("COMMIT")
            return value
        } catch {
            if isHealthy { _ = try? simpleQuery("ROLLBACK") }
            throw error
        }
    }

    /// The result when the statement succeeded; otherwise its SQLSTATE and message as a `PGError`.
    private func check(_ result: OpaquePointer?) throws(PGError) -> OpaquePointer {
        guard let result else {
            throw PGError(.connection, message: handle.map { String(cString: PQerrorMessage($0)).trimmingTrailingNewlines } ?? "no result")
        }
        let status = PQresultStatus(result)
        guard status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK else { return result }
        let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        let message = String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines
        throw PGError(isHealthy ? .query : .connection, sqlState: sqlState, message: message)
    }

    private func withCStrings<T>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) throws(PGError) -> T) throws(PGError) -> T {
        let storage: [UnsafeMutablePointer<CChar>?] = values.map { value in value.map { strdup($0) } }
        defer { for pointer in storage { free(pointer) } }
        return try body(storage.map { $0.map { UnsafePointer($0) } })
    }
}

/// A named SQL statement; its name keys the per-connection prepared statement.
public struct PGStatement: Sendable, Hashable {
    public let name: String
    public let sql: String

    public init(_ name: String, _ sql: String) {
        self.name = name
        self.sql = sql
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
