import OpenAPIModel
import YAMLTree

/// TypeScript names for spec names, and TypeScript literals for spec text.
enum TSNaming {
    static let reservedWords: Set<String> = [
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
        "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as",
        "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "any",
        "boolean", "number", "string", "symbol", "unknown", "never", "object", "undefined", "type", "await", "async",
    ]

    /// Names the client module exports or the TypeScript library defines, which a schema type must not shadow
    /// (`index.ts` re-exports both modules, and a clash there is a compile error).
    static let reservedTypeNames: Set<String> = [
        "ApiClient", "ClientOptions", "Undocumented", "FetchLike", "RequestInitLike", "ResponseLike", "HeadersLike", "ContractError",
        "createClient", "Array", "Record", "Partial", "Promise", "Date", "Error", "Object", "String", "Number",
        "Boolean", "Map", "Set", "Response", "Request", "Headers", "S", "BinaryFile",
    ]

    /// Method names the client class already has.
    static let reservedMemberNames: Set<String> = ["setToken", "constructor", "send", "options", "token"]

    /// The ASCII letter-and-digit runs of `name`, split again at lower-to-upper humps ("userName" -> user, Name).
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousIsLower = false
        for scalar in name.unicodeScalars {
            let isLetterOrDigit = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            guard isLetterOrDigit else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousIsLower = false
                continue
            }
            let isUpper = ("A"..."Z").contains(scalar)
            if isUpper && previousIsLower && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            previousIsLower = ("a"..."z").contains(scalar)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// True when `name` can be written bare as an identifier.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_" || first == "$" else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "$") }
    }

    /// A component schema's type name: the spec's own name when it is a usable identifier, else UpperCamelCase.
    static func typeName(_ name: String) -> String {
        var result = isIdentifier(name) ? name : words(name).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if result.isEmpty { result = "Unnamed" }
        if result.first!.isNumber { result = "_" + result }
        if reservedWords.contains(result) || reservedTypeNames.contains(result) { result += "Schema" }
        return result
    }

    /// lowerCamelCase for an operationId (`list_tasks` -> `listTasks`).
    static func functionName(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "unnamed" }
        var result = first.allSatisfy(\.isUppercase) ? first.lowercased() : first.prefix(1).lowercased() + first.dropFirst()
        for part in parts.dropFirst() { result += part.prefix(1).uppercased() + part.dropFirst() }
        if result.first!.isNumber { result = "_" + result }
        if reservedWords.contains(result) || reservedMemberNames.contains(result) { result += "Operation" }
        return result
    }

    /// Makes `name` unique among `used`, recording it.
    static func unique(_ name: String, _ used: inout Set<String>) -> String {
        used.claimUnique(name)
    }

    /// A double-quoted TypeScript string literal for any text (a JSON string literal is one).
    static func literal(_ text: String) -> String {
        JSONString.quoted(text)
    }

    /// A property key: bare when it is an identifier, quoted otherwise.
    static func propertyKey(_ name: String) -> String {
        isIdentifier(name) ? name : literal(name)
    }

    /// A spec value as TypeScript literal text; nil for values that have no literal type (objects, arrays).
    static func literal(_ value: SpecValue) -> String? {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.double != nil ? number.text : nil
        case .string(let text): return literal(text)
        case .array, .object: return nil
        }
    }

    /// A spec value as JSON-like text, for doc comments (`@default`).
    static func json(_ value: SpecValue) -> String {
        switch value {
        case .array(let items): return "[" + items.map(json).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.sorted { $0.key < $1.key }.map { literal($0.key) + ": " + json($0.value) }.joined(separator: ", ") + "}"
        default: return literal(value) ?? "null"
        }
    }
}
