import CLibPQ

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking libpq connection for work outside the request path: migrations at start-up, tools and tests.
/// It is not `Sendable`: one thread uses it at a time, and it is closed in `deinit`. Requests go through
/// `PGClient`, whose connections never block.
public final class PGConnection {
    private let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQfinish(handle)
    }

    /// Connects (blocking) with a libpq URI or keyword string.
    public static func connect(_ conninfo: String) throws(PGError) -> PGConnection {
        guard let handle = PQconnectdb(conninfo) else { throw PGError(.connection, message: "out of memory") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = libpqMessage(PQerrorMessage(handle))
            PQfinish(handle)
            throw PGError(.connection, message: message)
        }
        return PGConnection(handle: handle)
    }

    /// Text that may hold several statements and takes no parameters (migrations, `CREATE DATABASE`), with
    /// its last result as text rows.
    @discardableResult
    public func simpleQuery(_ sql: String) throws(PGError) -> PGTextRows {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        return PGTextRows(try check(result))
    }

    /// Ad-hoc SQL with text parameters and text results, for tools and tests; the product's statements are
    /// typed `PGQuery`s.
    public func textQuery(_ sql: String, _ parameters: [String?]) throws(PGError) -> PGTextRows {
        // Text-format parameters are NUL-terminated C strings.
        let storage: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } }
        defer { for pointer in storage { free(pointer) } }
        let values = storage.map { $0.map { UnsafePointer($0) } }
        let result = PQexecParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
        defer { PQclear(result) }
        return PGTextRows(try check(result))
    }

    /// A typed statement, run unnamed (not prepared), its rows read by `Row`'s reader.
    public func execute<Row, each Parameter>(_ query: PGQuery<Row, repeat each Parameter>, _ values: repeat each Parameter) throws(PGError) -> [Row] {
        let bindings = query.bind(repeat each values)
        let types = bindings.types.map { Oid($0.oid) }
        let result = bindings.withLibPQArrays { values, lengths, formats in
            PQexecParams(handle, query.sql, Int32(values.count), types, values, lengths, formats, 1)
        }
        defer { PQclear(result) }
        return try decodeRows(try check(result), as: Row.self)
    }

    /// The parameter types and result columns PostgreSQL infers for `query`: what a test compares with the
    /// types the statement and its row reader declare.
    public func describe<Row, each Parameter>(_ query: PGQuery<Row, repeat each Parameter>) throws(PGError) -> PGDescription {
        let name = "describe_\(query.name)"
        let types = query.parameterTypes.map { Oid($0.oid) }
        let prepared = PQprepare(handle, name, query.sql, Int32(types.count), types)
        defer { PQclear(prepared) }
        _ = try check(prepared)
        let result = PQdescribePrepared(handle, name)
        defer { PQclear(result) }
        let described = try check(result)
        _ = try simpleQuery("DEALLOCATE \(name)")
        return PGDescription(
            parameters: (0..<PQnparams(described)).map { PQparamtype(described, $0) },
            columns: (0..<PQnfields(described)).map { (String(cString: PQfname(described, $0)), PQftype(described, $0)) })
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try simpleQuery("BEGIN")
        do {
            let value = try body(self)
            try simpleQuery("COMMIT")
            return value
        } catch {
            if PQstatus(handle) == CONNECTION_OK { _ = try? simpleQuery("ROLLBACK") }
            throw error
        }
    }

    private func check(_ result: OpaquePointer?) throws(PGError) -> OpaquePointer {
        guard let result else { throw PGError(.connection, message: libpqMessage(PQerrorMessage(handle))) }
        if let error = PGError(result: result, connectionOK: PQstatus(handle) == CONNECTION_OK) { throw error }
        return result
    }
}

/// What PostgreSQL says a prepared statement takes and returns (type OIDs).
public struct PGDescription: Sendable, Equatable {
    public var parameters: [UInt32]
    public var columns: [(name: String, type: UInt32)]

    public static func == (lhs: PGDescription, rhs: PGDescription) -> Bool {
        lhs.parameters == rhs.parameters && lhs.columns.elementsEqual(rhs.columns) { $0.name == $1.name && $0.type == $1.type }
    }
}

extension PGError {
    /// The error a finished statement's result carries, or nil when it succeeded.
    init?(result: OpaquePointer, connectionOK: Bool) {
        let status = PQresultStatus(result)
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_PIPELINE_SYNC: return nil
        case PGRES_PIPELINE_ABORTED:
            self.init(.query, message: "statement skipped: an earlier statement of its pipeline segment failed")
        default:
            let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            // The primary message and the constraint only: DETAIL would carry row contents ("Failing row
            // contains (...)"), which are user data and must not reach a log.
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            let constraint = PQresultErrorField(result, Int32(UInt8(ascii: "n"))).map { " (constraint \(String(cString: $0)))" } ?? ""
            self.init(
                connectionOK ? .query : .connection, sqlState: sqlState,
                message: primary.map { $0 + constraint } ?? libpqMessage(PQresultErrorMessage(result)))
        }
    }
}

/// A libpq message without its trailing newlines.
func libpqMessage(_ text: UnsafePointer<CChar>?) -> String {
    guard let text else { return "unknown libpq error" }
    var message = String(cString: text)
    while message.last?.isNewline == true { message.removeLast() }
    return message
}
