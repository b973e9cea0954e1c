/// `additionalProperties` with a schema beside declared `properties`: the members a type does not declare are kept
/// in a `[String: Value]`, each validated by the schema (`Codable` goes through the same code: `JSONValueCodable`). Encoding
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
