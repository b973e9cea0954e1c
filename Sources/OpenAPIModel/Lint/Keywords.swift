/// The fixed fields of each OpenAPI object (3.0 and 3.1 together), which a misspelt key is compared with.
enum ObjectKind: String {
    case document = "the document root"
    case info = "info"
    case server = "a server"
    case tag = "a tag"
    case pathItem = "a path item"
    case operation = "an operation"
    case parameter = "a parameter"
    case header = "a header"
    case requestBody = "a request body"
    case mediaType = "a media type"
    case response = "a response"
    case components = "components"
    case example = "an example"
    case schema = "a schema"

    var keywords: Set<String> {
        switch self {
        case .document: ["openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags", "externalDocs"]
        case .info: ["title", "summary", "description", "termsOfService", "contact", "license", "version"]
        case .server: ["url", "description", "variables"]
        case .tag: ["name", "description", "externalDocs"]
        case .pathItem: Set(HTTPMethod.allCases.map(\.rawValue)).union(["$ref", "summary", "description", "servers", "parameters"])
        case .operation:
            [
                "tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody", "responses", "callbacks",
                "deprecated", "security", "servers",
            ]
        case .parameter: Self.header.keywords.union(["name", "in", "allowEmptyValue", "allowReserved"])
        case .header: ["description", "required", "deprecated", "style", "explode", "schema", "example", "examples", "content"]
        case .requestBody: ["description", "content", "required"]
        case .mediaType: ["schema", "example", "examples", "encoding"]
        case .response: ["description", "headers", "content", "links"]
        case .components:
            ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems"]
        case .example: ["summary", "description", "value", "externalValue"]
        case .schema: Self.schemaKeywords
        }
    }

    /// JSON Schema 2020-12 with OpenAPI's additions, and the 3.0 dialect's.
    static let schemaKeywords: Set<String> = [
        "$schema", "$id", "$anchor", "$ref", "$defs", "$comment", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "definitions",
        "type", "enum", "const", "format", "title", "description", "default", "examples", "example", "deprecated", "readOnly",
        "writeOnly", "nullable", "discriminator", "xml", "externalDocs", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains",
        "minContains", "maxProperties", "minProperties", "required", "dependentRequired", "allOf", "anyOf", "oneOf", "not", "if",
        "then", "else", "dependentSchemas", "prefixItems", "items", "contains", "properties", "patternProperties",
        "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentEncoding",
        "contentMediaType", "contentSchema",
    ]
}

extension Linter {
    /// Warns about each key of `node` that is not a keyword of `kind` but nearly one (`requird`, `maxlength`).
    func checkKeywords(_ node: YAMLNode, _ kind: ObjectKind) {
        let keywords = kind.keywords
        for (key, _) in node.mapping ?? [] {
            guard let name = key.scalar, !keywords.contains(name), !name.hasPrefix("x-") else { continue }
            guard let keyword = Self.nearestKeyword(to: name, in: keywords) else { continue }
            report(.misspelledKeyword, "'\(name)' is not a keyword of \(kind.rawValue) and is ignored; did you mean '\(keyword)'?", at: key.location)
        }
    }

    /// A keyword spelt with other case (`readonly`) or at most one edit away (two for words of 8 letters or more),
    /// where swapping two neighbouring letters (`exmaple`) is one edit.
    static func nearestKeyword(to name: String, in keywords: Set<String>) -> String? {
        let sorted = keywords.sorted()
        if let sameLetters = sorted.first(where: { $0.lowercased() == name.lowercased() }) { return sameLetters }
        guard name.count >= 4 else { return nil }
        let bound = name.count >= 8 ? 2 : 1
        let lowered = Array(name.lowercased())
        var best: (String, Int)?
        for keyword in sorted where abs(keyword.count - name.count) <= bound {
            let distance = Self.typoDistance(lowered, Array(keyword.lowercased()))
            if distance <= bound, distance < (best?.1 ?? Int.max) { best = (keyword, distance) }
        }
        return best?.0
    }

    /// Edit distance counting a swap of neighbours as one edit (optimal string alignment). Keys are short.
    static func typoDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }
}
