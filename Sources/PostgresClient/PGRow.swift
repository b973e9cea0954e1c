import CLibPQ

/// One row of a binary-format result, read by column name. It borrows the libpq result it points into: it is
/// valid only while a reader's `init(row:)` runs, on the thread that owns the connection, and it is not
/// `Sendable`, so a reader cannot keep it in the `Sendable` row it builds.
public struct PGRow {
    private let result: OpaquePointer
    private let index: Int32

    init(result: OpaquePointer, index: Int32) {
        self.result = result
        self.index = index
    }

    /// The value of `column`, which must exist and have `Value`'s type; NULL only for an optional `Value`.
    public func decode<Value: PGDecodable>(_ column: String, as type: Value.Type = Value.self) throws(PGError) -> Value {
        let number = try self.column(column)
        let actual = PQftype(result, number)
        guard actual == Value.pgType.oid else {
            throw PGError(.decode, message: "column \(column) has type oid \(actual), read as \(Value.pgType)")
        }
        if PQgetisnull(result, index, number) == 1 { return try Value.decodeNull() }
        guard let value = PQgetvalue(result, index, number) else { throw PGError(.decode, message: "no value for \(column)") }
        let length = Int(PQgetlength(result, index, number))
        return try Value.decode(binary: UnsafeRawBufferPointer(start: value, count: length))
    }

    /// True when `column` is SQL NULL (for example every column of a LEFT JOIN that matched nothing).
    public func isNull(_ column: String) throws(PGError) -> Bool {
        PQgetisnull(result, index, try self.column(column)) == 1
    }

    private func column(_ name: String) throws(PGError) -> Int32 {
        let number = PQfnumber(result, name)
        guard number >= 0 else { throw PGError(.decode, message: "the result has no column \(name)") }
        return number
    }
}

/// Reads every row of a binary-format result with `Row`'s reader.
func decodeRows<Row: PGRowDecodable>(_ result: OpaquePointer, as: Row.Type) throws(PGError) -> [Row] {
    let count = PQntuples(result)
    var rows: [Row] = []
    rows.reserveCapacity(Int(count))
    for index in 0..<count {
        rows.append(try Row(row: PGRow(result: result, index: index)))
    }
    return rows
}
