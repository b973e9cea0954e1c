/// A response body being written as JSON bytes, straight from typed values: no `JSONValue` tree, no
/// intermediate strings for numbers or timestamps. Generated types write their members in spec order.
public struct JSONOutput {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { bytes.append(UInt8(ascii: "{")) }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { bytes.append(UInt8(ascii: "[")) }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")) }

    /// A comma unless this is the first element of the enclosing object or array.
    public mutating func separator() {
        if let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") { bytes.append(UInt8(ascii: ",")) }
    }

    /// A member that is always written.
    public mutating func member<Value: JSONValueEncodable>(_ key: String, _ value: Value) {
        separator()
        JSONWriter.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        value.writeJSON(to: &self)
    }

    /// An optional member, written only when present.
    public mutating func member<Value: JSONValueEncodable>(_ key: String, ifPresent value: Value?) {
        if let value { member(key, value) }
    }

    /// A `Field`: nothing when absent, `null` when null.
    public mutating func member<Value: JSONValueEncodable>(_ key: String, field: Field<Value>) {
        switch field {
        case .absent: break
        case .null: member(key, JSONValue.null)
        case .value(let value): member(key, value)
        }
    }

    public mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func appendString(_ text: String) {
        JSONWriter.writeString(text, into: &bytes)
    }

    public mutating func appendInteger<Value: BinaryInteger>(_ value: Value) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    /// For values that have no direct writer: through their `JSONValue`.
    public mutating func append(_ value: JSONValue) {
        JSONWriter.write(value, into: &bytes)
    }

    mutating func appendRaw(_ raw: some Collection<UInt8>) {
        bytes.append(contentsOf: raw)
    }
}
