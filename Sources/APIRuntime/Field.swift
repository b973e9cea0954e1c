/// A request member that may be absent, sent as `null`, or sent with a value. A partial update needs all three:
/// absent leaves the stored value alone, `null` clears it.
public enum Field<Value> {
    case absent
    case null
    case value(Value)

    /// The value, or nil when absent or null.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    public var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }
}

extension Field: Sendable where Value: Sendable {}
extension Field: Equatable where Value: Equatable {}
extension Field: Hashable where Value: Hashable {}

extension Field: Codable where Value: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Value.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .absent, .null: try container.encodeNil()
        case .value(let value): try container.encode(value)
        }
    }
}

/// Indirection for a struct member that leads back to its own type, which a struct cannot hold inline.
public final class Box<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public let value: Value

    public init(_ value: Value) { self.value = value }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static func == (lhs: Box, rhs: Box) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// A body of a media type the generator does not model (forms, files): its bytes and content type.
public struct RawBody: Sendable, Hashable, Codable {
    public var contentType: String
    public var bytes: [UInt8]

    public init(contentType: String, bytes: [UInt8]) {
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// Generated types decode from a `JSONValue` with every violation recorded, located, in the context.
public protocol JSONValueDecodable {
    static func decode(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) -> Self?
}

extension JSONValueDecodable where Self: RawRepresentable & CaseIterable, RawValue == String {
    public static func decode(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) -> Self? {
        guard let text = Check.string(json, at: loc, &ctx) else { return nil }
        if let value = Self(rawValue: text) { return value }
        ctx.enumMismatch(allCases.map { "'\($0.rawValue)'" }, json, at: loc)
        return nil
    }
}

extension JSONValueDecodable where Self: RawRepresentable & CaseIterable, RawValue == Int {
    public static func decode(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) -> Self? {
        guard let number = Check.integer(Int.self, json, at: loc, &ctx) else { return nil }
        if let value = Self(rawValue: number) { return value }
        ctx.enumMismatch(allCases.map { "\($0.rawValue)" }, json, at: loc)
        return nil
    }
}
