import CLibPQ
import Foundation

/// A result copied out of libpq (text format), so it outlives the `PGresult` and can cross threads.
public struct PGRows: Sendable {
    public let columns: [String]
    public let rows: [PGRow]

    init(_ result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        rows = (0..<Int(PQntuples(result))).map { row in
            PGRow(values: (0..<columnCount).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            })
        }
    }

    public var first: PGRow? { rows.first }
}

/// One row's values, read by column index with the type the caller expects.
public struct PGRow: Sendable {
    public let values: [String?]

    public func string(_ column: Int) throws(PGError) -> String {
        guard column < values.count, let value = values[column] else { throw PGError(.decode, message: "column \(column) is null") }
        return value
    }

    public func optionalString(_ column: Int) -> String? {
        column < values.count ? values[column] : nil
    }

    public func int(_ column: Int) throws(PGError) -> Int {
        guard let value = Int(try string(column)) else { throw PGError(.decode, message: "column \(column) is not an integer") }
        return value
    }

    public func bool(_ column: Int) throws(PGError) -> Bool {
        switch try string(column) {
        case "t": return true
        case "f": return false
        default: throw PGError(.decode, message: "column \(column) is not a boolean")
        }
    }

    /// A timestamp selected as microseconds since the epoch (`extract(epoch ...) * 1e6` as bigint).
    public func date(microseconds column: Int) throws(PGError) -> Date {
        Date(timeIntervalSince1970: Double(try int(column)) / 1_000_000)
    }
}
