/// Swift names for spec names: types in UpperCamelCase, members in lowerCamelCase, keywords escaped,
/// and names the generated code itself relies on kept free.
enum Naming {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
        "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as", "false",
        "is", "nil", "self", "Self", "super", "throws", "true", "try", "Any", "Type", "Protocol", "await", "async",
    ]

    /// Type names that generated code refers to and a schema must not shadow.
    static let reservedTypeNames = Set<String>([
        "String", "Int", "Int32", "Int64", "Double", "Float", "Bool", "Date", "UUID", "Data", "Array", "Dictionary",
        "Optional", "Error", "Result", "Never", "Void", "Set", "Character", "URL", "Task", "Codable", "Sendable",
        "Hashable", "Decoder", "Encoder", "CodingKey", "Response", "Request", "Router", "Operations", "JSONValue",
        "JSONObject", "Field", "Box", "DecodeContext", "Check", "Respond", "RawBody", "FilePart", "APIHandler", "EmbeddedSpec",
        "Authentication", "HTTPFields", "Type", "Protocol", "Any", "Self", "Substring", "Sequence", "Collection",
    ]).union(Runtime.all)

    /// The ASCII letter-and-digit runs of `name`, split again at lower-to-upper humps ("userName" -> user, Name).
    static func words(_ name: String) -> [Substring] {
        var words: [Substring] = []
        let utf8 = name.utf8
        var start: String.Index?
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            let isLower = byte >= 0x61 && byte <= 0x7A
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isLower || isUpper || isDigit {
                if start == nil {
                    start = index
                } else if isUpper, previous >= 0x61 && previous <= 0x7A, let s = start {
                    words.append(name[s..<index])
                    start = index
                }
            } else if let s = start {
                words.append(name[s..<index])
                start = nil
            }
            previous = byte
            index = utf8.index(after: index)
        }
        if let s = start { words.append(name[s...]) }
        return words
    }

    static func typeName(_ name: String) -> String {
        var result = words(name).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if result.isEmpty { result = "Unnamed" }
        if result.first!.isNumber { result = "_" + result }
        if reservedTypeNames.contains(result) { result += "Schema" }
        return result
    }

    static func memberName(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "_unnamed" }
        var result = String(first.allSatisfy(\.isUppercase) ? first.lowercased() : first.prefix(1).lowercased() + first.dropFirst())
        for part in parts.dropFirst() { result += part.prefix(1).uppercased() + part.dropFirst() }
        if result.first!.isNumber { result = "_" + result }
        return result
    }

    /// A member name safe to write in a declaration or after a dot.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// Makes `name` unique among `used`, recording it.
    static func unique(_ name: String, _ used: inout Set<String>) -> String {
        used.claimUnique(name)
    }

    /// A Swift string literal for arbitrary text (byte-wise: it also embeds whole specs).
    static func literal(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 16 + 2)
            out.append(UInt8(ascii: "\""))
            // The runs between escapes are copied whole: whole specs and pages (megabytes) become literals.
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "\\"): replacement = "\\\\"
                case UInt8(ascii: "\""): replacement = "\\\""
                case 0x0A: replacement = "\\n"
                case 0x0D: replacement = "\\r"
                case 0x09: replacement = "\\t"
                case 0..<0x20, 0x7F: replacement = ""
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                if replacement.utf8CodeUnitCount > 0 {
                    out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                } else {
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u{".utf8)
                    out.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)], UInt8(ascii: "}")])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            out.append(UInt8(ascii: "\""))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
