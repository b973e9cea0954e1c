/// What to write instead of a type name borrowed from a programming language or a database (`long`, `datetime`,
/// `string[]`): JSON Schema has seven types, and the rest of the meaning lives in `format`.
enum TypeHint {
    /// The `type` (and `format`, `items`) to write for `name`, or nil when `name` is no known borrowing.
    static func replacement(for name: String) -> String? {
        let lowered = name.lowercased()
        if lowered.hasSuffix("[]"), lowered.count > 2 {
            let element = String(name.dropLast(2))
            let inner = DocumentReader.knownTypes.contains(element) ? "type: \(element)" : replacement(for: element)
            return inner.map { "type: array, items: {\($0)}" }
        }
        if let known = DocumentReader.knownTypes.first(where: { $0 == lowered }) { return "type: \(known)" }
        return table[lowered]
    }

    private static let table: [String: String] = {
        var table: [String: String] = [:]
        func add(_ names: [String], _ hint: String) { for name in names { table[name] = hint } }
        add(["int", "int32", "integer32", "short", "smallint", "uint", "uint32"], "type: integer, format: int32")
        add(["long", "int64", "integer64", "bigint", "uint64"], "type: integer, format: int64")
        add(["float", "float32", "real"], "type: number, format: float")
        add(["double", "float64", "decimal", "numeric"], "type: number, format: double")
        add(["bool"], "type: boolean")
        add(["str", "text", "char", "varchar"], "type: string")
        add(["datetime", "date-time", "timestamp", "timestamptz", "instant"], "type: string, format: date-time")
        add(["date"], "type: string, format: date")
        add(["time"], "type: string, format: time")
        add(["duration", "interval"], "type: string, format: duration")
        add(["uuid", "guid"], "type: string, format: uuid")
        add(["email"], "type: string, format: email")
        add(["uri", "url"], "type: string, format: uri")
        add(["binary", "file", "blob", "bytes"], "type: string, format: binary")
        add(["byte", "base64"], "type: string, format: byte")
        add(["dict", "map", "hash", "hashmap", "dictionary", "record", "json", "obj"], "type: object")
        add(["list", "sequence", "set", "vector"], "type: array, items: {...}")
        add(["any", "mixed", "unknown"], "no 'type' at all (any value)")
        add(["nil", "none", "void"], "type: 'null'")
        return table
    }()
}
