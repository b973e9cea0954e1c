import Foundation

/// Values that write themselves as a `JSONValue`: generated types do, with members in spec order, so a
/// response lists its fields the way the spec (and the FastAPI original) does, without `JSONEncoder`'s cost.
public protocol JSONValueEncodable {
    var jsonValue: JSONValue { get }
    /// Writes the value as JSON bytes; responses use this, not `jsonValue`.
    func writeJSON(to out: inout JSONOutput)
}

extension JSONValueEncodable {
    public func writeJSON(to out: inout JSONOutput) {
        out.append(jsonValue)
    }
}

extension JSONValue: JSONValueEncodable {
    public var jsonValue: JSONValue { self }
}

extension String: JSONValueEncodable {
    public var jsonValue: JSONValue { .string(self) }
    public func writeJSON(to out: inout JSONOutput) { out.appendString(self) }
}

extension Bool: JSONValueEncodable {
    public var jsonValue: JSONValue { .bool(self) }
    public func writeJSON(to out: inout JSONOutput) { out.appendLiteral(self ? "true" : "false") }
}

extension Int: JSONValueEncodable {
    public var jsonValue: JSONValue { .number(String(self)) }
    public func writeJSON(to out: inout JSONOutput) { out.appendInteger(self) }
}

extension Int32: JSONValueEncodable {
    public var jsonValue: JSONValue { .number(String(self)) }
    public func writeJSON(to out: inout JSONOutput) { out.appendInteger(self) }
}

extension Int64: JSONValueEncodable {
    public var jsonValue: JSONValue { .number(String(self)) }
    public func writeJSON(to out: inout JSONOutput) { out.appendInteger(self) }
}

extension Double: JSONValueEncodable {
    public var jsonValue: JSONValue { isFinite ? .number(String(self)) : .null }
}

extension Float: JSONValueEncodable {
    public var jsonValue: JSONValue { isFinite ? .number(String(self)) : .null }
}

extension Date: JSONValueEncodable {
    public var jsonValue: JSONValue { .string(RFC3339.format(self)) }
    public func writeJSON(to out: inout JSONOutput) {
        out.appendLiteral("\"")
        RFC3339.write(self, into: &out)
        out.appendLiteral("\"")
    }
}

extension UUID: JSONValueEncodable {
    public var jsonValue: JSONValue { .string(uuidString.lowercased()) }
}

extension Array: JSONValueEncodable where Element: JSONValueEncodable {
    public var jsonValue: JSONValue { .array(map { $0.jsonValue }) }
    public func writeJSON(to out: inout JSONOutput) {
        out.beginArray()
        for element in self {
            out.separator()
            element.writeJSON(to: &out)
        }
        out.endArray()
    }
}

extension Dictionary: JSONValueEncodable where Key == String, Value: JSONValueEncodable {
    /// Keys sorted, so the output is deterministic.
    public var jsonValue: JSONValue { .object(JSONObject(sorted { $0.key < $1.key }.map { ($0.key, $0.value.jsonValue) })) }
}

extension Optional: JSONValueEncodable where Wrapped: JSONValueEncodable {
    public var jsonValue: JSONValue { map { $0.jsonValue } ?? .null }
    public func writeJSON(to out: inout JSONOutput) {
        if let value = self { value.writeJSON(to: &out) } else { out.appendLiteral("null") }
    }
}

extension Box: JSONValueEncodable where Value: JSONValueEncodable {
    public var jsonValue: JSONValue { value.jsonValue }
    public func writeJSON(to out: inout JSONOutput) { value.writeJSON(to: &out) }
}

extension JSONValueEncodable where Self: RawRepresentable, RawValue: JSONValueEncodable {
    public var jsonValue: JSONValue { rawValue.jsonValue }
    public func writeJSON(to out: inout JSONOutput) { rawValue.writeJSON(to: &out) }
}

extension JSONObject {
    /// Writes a `Field`: nothing when absent, `null` when null.
    public mutating func append<Value: JSONValueEncodable>(_ key: String, field: Field<Value>) {
        switch field {
        case .absent: break
        case .null: append(key, .null)
        case .value(let value): append(key, value.jsonValue)
        }
    }

    /// Writes an optional member only when present.
    public mutating func append<Value: JSONValueEncodable>(_ key: String, ifPresent value: Value?) {
        if let value { append(key, value.jsonValue) }
    }
}
