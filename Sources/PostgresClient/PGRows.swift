import CLibPQ
import Foundation

/// A text-format result copied out of libpq, for ad-hoc SQL in tools and tests (`PGConnection.textQuery`).
public struct PGTextRows: Sendable {
    public let columns: [String]
    public let rows: [PGTextRow]

    init(_ result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        rows = (0..<Int(PQntuples(result))).map { row in
            PGTextRow(
                values: (0..<columnCount).map { column in
                    PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
                })
        }
    }

    public var first: PGTextRow? { rows.first }
}

/// One row's values as text, read by column index (ad-hoc SQL only; typed statements read by name).
public struct PGTextRow: Sendable {
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

}
