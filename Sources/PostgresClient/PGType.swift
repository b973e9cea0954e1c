import Foundation

/// A PostgreSQL type as the wire knows it: its OID. Statements declare the types of their parameters, and
/// results are checked against the types their readers expect, so a schema change that no longer matches a
/// statement fails where the statement is described or first run (in a test), not with a wrong value.
public struct PGType: Sendable, Hashable, CustomStringConvertible {
    public let oid: UInt32
    public let name: String

    public static let bool = PGType(oid: 16, name: "boolean")
    public static let int8 = PGType(oid: 20, name: "bigint")
    public static let int4 = PGType(oid: 23, name: "integer")
    public static let text = PGType(oid: 25, name: "text")
    public static let timestamptz = PGType(oid: 1184, name: "timestamptz")

    public var description: String { name }
}

/// A Swift type with a PostgreSQL counterpart.
public protocol PGTyped: Sendable {
    /// The type a parameter is declared with, and the only column type a reader accepts.
    static var pgType: PGType { get }
}

/// A Swift value that binds as a statement parameter, in PostgreSQL's binary format.
public protocol PGEncodable: PGTyped {
    /// Appends the binary representation; `Optional.none` binds SQL NULL.
    func encode(into bindings: inout PGBindings)
}

/// A Swift value read from a result column in binary format.
public protocol PGDecodable: PGTyped {
    static func decode(binary bytes: UnsafeRawBufferPointer) throws(PGError) -> Self
    /// SQL NULL: an error unless the Swift type is optional.
    static func decodeNull() throws(PGError) -> Self
}

extension PGDecodable {
    public static func decodeNull() throws(PGError) -> Self {
        throw PGError(.decode, message: "unexpected NULL for a non-optional \(Self.self)")
    }
}

extension Int: PGEncodable, PGDecodable {
    public static var pgType: PGType { .int8 }

    public func encode(into bindings: inout PGBindings) {
        bindings.append(bigEndian: Int64(self))
    }

    public static func decode(binary bytes: UnsafeRawBufferPointer) throws(PGError) -> Int {
        guard bytes.count == 8 else { throw PGError(.decode, message: "bigint of \(bytes.count) bytes") }
        return Int(Int64(bigEndian: bytes.loadUnaligned(as: Int64.self)))
    }
}

extension Bool: PGEncodable, PGDecodable {
    public static var pgType: PGType { .bool }

    public func encode(into bindings: inout PGBindings) {
        bindings.append(bytes: CollectionOfOne(self ? 1 : 0))
    }

    public static func decode(binary bytes: UnsafeRawBufferPointer) throws(PGError) -> Bool {
        guard bytes.count == 1 else { throw PGError(.decode, message: "boolean of \(bytes.count) bytes") }
        return bytes[0] != 0
    }
}

extension String: PGEncodable, PGDecodable {
    public static var pgType: PGType { .text }

    public func encode(into bindings: inout PGBindings) {
        bindings.append(bytes: utf8)
    }

    public static func decode(binary bytes: UnsafeRawBufferPointer) throws(PGError) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

/// `timestamptz` travels as microseconds since 2000-01-01 00:00:00 UTC: no text formatting or parsing.
extension Date: PGEncodable, PGDecodable {
    public static var pgType: PGType { .timestamptz }
    static let postgresEpoch: TimeInterval = 946_684_800

    public func encode(into bindings: inout PGBindings) {
        let micros = ((timeIntervalSince1970 - Self.postgresEpoch) * 1_000_000).rounded()
        bindings.append(bigEndian: Int64(micros))
    }

    public static func decode(binary bytes: UnsafeRawBufferPointer) throws(PGError) -> Date {
        guard bytes.count == 8 else { throw PGError(.decode, message: "timestamptz of \(bytes.count) bytes") }
        let micros = Int64(bigEndian: bytes.loadUnaligned(as: Int64.self))
        guard micros != .max, micros != .min else { throw PGError(.decode, message: "infinite timestamptz") }
        return Date(timeIntervalSince1970: postgresEpoch + Double(micros) / 1_000_000)
    }
}

extension Optional: PGTyped where Wrapped: PGTyped {
    public static var pgType: PGType { Wrapped.pgType }
}

extension Optional: PGEncodable where Wrapped: PGEncodable {
    public func encode(into bindings: inout PGBindings) {
        switch self {
        case .none: bindings.appendNull()
        case .some(let value): value.encode(into: &bindings)
        }
    }
}

extension Optional: PGDecodable where Wrapped: PGDecodable {
    public static func decode(binary bytes: UnsafeRawBufferPointer) throws(PGError) -> Wrapped? {
        try Wrapped.decode(binary: bytes)
    }

    public static func decodeNull() throws(PGError) -> Wrapped? { nil }
}
