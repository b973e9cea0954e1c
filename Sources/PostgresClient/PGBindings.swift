/// The parameters of one execution, in binary format: one contiguous byte buffer with each value's
/// offset and length (-1 for NULL) and each parameter's declared type. Built by the caller, handed whole
/// to the connection, which only passes pointers into it to libpq.
public struct PGBindings: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [Int] = []
    private(set) var lengths: [Int32] = []
    private(set) var types: [PGType] = []

    init() {
        bytes.reserveCapacity(64)
    }

    /// Binds `value` as the next parameter, declared with its static type.
    mutating func bind<Value: PGEncodable>(_ value: Value) {
        types.append(Value.pgType)
        value.encode(into: &self)
    }

    public mutating func append<Bytes: Collection<UInt8>>(bytes value: Bytes) {
        offsets.append(bytes.count)
        bytes.append(contentsOf: value)
        lengths.append(Int32(value.count))
    }

    public mutating func append(bigEndian value: Int64) {
        withUnsafeBytes(of: value.bigEndian) { append(bytes: $0) }
    }

    public mutating func appendNull() {
        offsets.append(bytes.count)
        lengths.append(-1)
    }

    var count: Int { lengths.count }

    /// Collects a parameter pack's values (a pack expands only into argument lists and tuples, not
    /// statements, so each value goes through a call on this reference).
    final class Builder {
        var bindings = PGBindings()

        func bind<Value: PGEncodable>(_ value: Value) {
            bindings.bind(value)
        }
    }

    /// Calls `body` with libpq's parallel arrays: values (nil for NULL), lengths and formats (all binary).
    func withLibPQArrays<T>(_ body: ([UnsafePointer<CChar>?], [Int32], [Int32]) -> T) -> T {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            // An empty buffer has no base address; a zero-length value still needs a non-nil pointer.
            let empty: StaticString = ""
            let fallback = UnsafeRawPointer(empty.utf8Start).assumingMemoryBound(to: CChar.self)
            var values: [UnsafePointer<CChar>?] = []
            values.reserveCapacity(lengths.count)
            for index in lengths.indices {
                values.append(lengths[index] < 0 ? nil : (base.map { $0 + offsets[index] } ?? fallback))
            }
            return body(values, lengths, Array(repeating: 1, count: lengths.count))
        }
    }
}
