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
    static let reservedTypeNames: Set<String> = [
        "String", "Int", "Int32", "Int64", "Double", "Float", "Bool", "Date", "UUID", "Data", "Array", "Dictionary",
        "Optional", "Error", "Result", "Never", "Void", "Set", "Character", "URL", "Task", "Codable", "Sendable",
        "Hashable", "Decoder", "Encoder", "CodingKey", "Response", "Request", "Router", "Operations", "JSONValue",
        "JSONObject", "Field", "Box", "DecodeContext", "Check", "Respond", "RawBody", "APIHandler", "EmbeddedSpec",
        "Authentication", "HTTPFields", "Type", "Protocol", "Any", "Self", "Substring", "Sequence", "Collection",
    ]

    static func words(_ name: String) -> [Substring] {
        var words: [Substring] = []
        var start: String.Index?
        var index = name.startIndex
        while index < name.endIndex {
            let c = name[index]
            if c.isLetter || c.isNumber, c.isASCII {
                // split camelCase humps: "userID" stays one run of capitals, "userName" splits.
                if start == nil { start = index } else if c.isUppercase, let s = start, name[name.index(before: index)].isLowercase {
                    words.append(name[s..<index])
                    start = index
                }
            } else if let s = start {
                words.append(name[s..<index])
                start = nil
            }
            index = name.index(after: index)
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
        var candidate = name
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(name)\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// A Swift string literal for arbitrary text.
    static func literal(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
