/// `additionalProperties` with a schema beside declared `properties`: the members a type does not declare are kept
/// in a `[String: Value]`, each validated by the schema, decoded and encoded by both pairs of coders. Encoding
/// writes them after the declared members, sorted by key (a dictionary has no order of its own), and never a key
/// the type declares (that member's own value wins).
extension Check {
    /// The members of `object` not in `declared`, each decoded by `decode` at its own key; nil when one fails.
    public static func additionalMembers<T>(
        _ object: JSONObject, declared: Set<String>, at loc: JSONPath, _ ctx: inout DecodeContext, _ decode: Decode<T>
    ) -> [String: T]? {
        var result: [String: T] = [:]
        var failed = false
        for member in object.members where !declared.contains(member.key) {
            if let value = decode(member.value, loc + [.key(member.key)], &ctx) { result[member.key] = value } else { failed = true }
        }
        return failed ? nil : result
    }
}

/// Any member name, for the undeclared members of a type.
public struct AdditionalMemberKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ string: String) { stringValue = string }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

extension Decoder {
    /// The undeclared members, each decoded as `Value` (for a type's `init(from:)`).
    public func additionalMembers<Value: Decodable>(_ type: Value.Type, declared: Set<String>) throws -> [String: Value] {
        let container = try container(keyedBy: AdditionalMemberKey.self)
        var result: [String: Value] = [:]
        for key in container.allKeys where !declared.contains(key.stringValue) {
            result[key.stringValue] = try container.decode(Value.self, forKey: key)
        }
        return result
    }
}

extension Encoder {
    /// Writes the undeclared members beside the declared ones (for a type's `encode(to:)`).
    public func encodeAdditionalMembers<Value: Encodable>(_ members: [String: Value], declared: Set<String>) throws {
        var container = container(keyedBy: AdditionalMemberKey.self)
        for (key, value) in members.sorted(by: { $0.key < $1.key }) where !declared.contains(key) {
            try container.encode(value, forKey: AdditionalMemberKey(key))
        }
    }
}

extension JSONObject {
    public mutating func appendAdditional<Value: JSONValueEncodable>(_ members: [String: Value], declared: Set<String>) {
        for (key, value) in members.sorted(by: { $0.key < $1.key }) where !declared.contains(key) {
            append(key, value.jsonValue)
        }
    }
}

extension JSONOutput {
    public mutating func additionalMembers<Value: JSONValueEncodable>(_ members: [String: Value], declared: Set<String>) {
        for (key, value) in members.sorted(by: { $0.key < $1.key }) where !declared.contains(key) {
            member(key, value)
        }
    }
}
