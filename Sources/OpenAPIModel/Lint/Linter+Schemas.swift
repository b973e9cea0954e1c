extension Linter {
    /// Keywords whose value is one schema, and those whose value is a list or a map of schemas.
    private static let subschema = [
        "items", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ]
    private static let subschemaLists = ["allOf", "anyOf", "oneOf", "prefixItems"]
    private static let subschemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    /// What 3.1 may write beside a schema `$ref` that this generator can do without (annotations).
    private static let refAnnotations: Set<String> = [
        "description", "title", "summary", "$comment", "deprecated", "readOnly", "writeOnly", "example", "examples", "default",
    ]

    /// Where a schema sits: a branch of `anyOf`/`oneOf` may carry the default of the whole (`default: null` beside
    /// a `type: 'null'` branch), so its own default and examples are not held against it.
    enum SchemaPlace { case alone, allOfBranch, alternative }

    func checkSchema(_ node: YAMLNode, place: SchemaPlace = .alone) {
        guard node.mapping != nil, visitedSchemas.insert(ObjectIdentifier(node)).inserted else { return }
        if node["$ref"] != nil {
            return checkRefSiblings(node, allowed: is31 ? Self.refAnnotations : [], isSchema: true)
        }
        checkKeywords(node, .schema)
        let types = (node["type"]?.sequence ?? node["type"].map { [$0] } ?? []).compactMap(\.scalar)
        checkShape(node, types: types)
        checkBounds(node)
        checkFormat(node, types: types)
        checkEnum(node, types: types)
        if place != .alternative {
            if let value = node["default"] { checkValue(value, against: node, rule: .invalidDefault, what: "the default") }
            if let value = node["example"] { checkValue(value, against: node, rule: .invalidExample, what: "the example") }
            for value in node["examples"]?.sequence ?? [] { checkValue(value, against: node, rule: .invalidExample, what: "the example") }
        }
        for key in Self.subschema { if let child = node[key] { checkSchema(child) } }
        for key in Self.subschemaLists {
            let branch: SchemaPlace = key == "allOf" ? .allOfBranch : key == "prefixItems" ? .alone : .alternative
            for child in node[key]?.sequence ?? [] { checkSchema(child, place: branch) }
        }
        for key in Self.subschemaMaps { for (_, child) in node[key]?.mapping ?? [] { checkSchema(child) } }
        if let additional = node["additionalProperties"] { checkSchema(additional) }
    }

    private func checkShape(_ node: YAMLNode, types: [String]) {
        if types.contains("array"), node["items"] == nil, node["prefixItems"] == nil, let key = Self.keyLocation("type", in: node) {
            report(.arrayItems, "an array schema needs 'items' to say what it holds; add 'items: {type: string}' (or the element's schema)", at: key)
        }
        if !types.isEmpty, !types.contains("object"), let key = Self.keyLocation("properties", in: node) {
            report(
                .propertiesOnNonObject,
                "'properties' on a schema of type '\(types.joined(separator: ", "))' never applies; write 'type: object' or drop 'properties'",
                at: key)
        }
        if node["readOnly"]?.bool == true, node["writeOnly"]?.bool == true, let key = Self.keyLocation("writeOnly", in: node) {
            report(.readWriteOnly, "'readOnly' and 'writeOnly' are both true, so the value is never sent nor received; keep one", at: key)
        }
    }

    private func checkBounds(_ node: YAMLNode) {
        let pairs = [("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems"), ("minProperties", "maxProperties")]
        for (low, high) in pairs {
            guard let lowText = node[low]?.scalar, let highText = node[high]?.scalar,
                let lowValue = Double(lowText), let highValue = Double(highText), lowValue > highValue,
                let key = Self.keyLocation(low, in: node)
            else { continue }
            report(.boundsOrder, "'\(low): \(lowText)' is greater than '\(high): \(highText)', so no value is valid; swap them", at: key)
        }
    }

    private func checkEnum(_ node: YAMLNode, types: [String]) {
        guard let values = node["enum"]?.sequence else { return }
        var seen: [JSONKey: SourceLocation] = [:]
        let nullable = node["nullable"]?.bool == true || types.contains("null")
        for value in values {
            let kind = JSONKind(value)
            if !types.isEmpty, !(kind == .null && nullable), !types.contains(where: { kind.matches($0) }) {
                var message = "enum value \(JSONKind.quoted(value)) is \(kind.article) \(kind.rawValue), not \(types.joined(separator: " or "))"
                if types.contains("string"), value.isPlainScalar {
                    message += "; quote it: '\(value.scalar ?? "")'"
                } else {
                    message += "; make it one or change 'type'"
                }
                report(.enumTypeMismatch, message, at: value.location)
            }
            let key = JSONKey(value)
            if let first = seen[key] {
                report(
                    .enumDuplicate, "enum value \(JSONKind.quoted(value)) is listed twice (first at line \(first.line)); drop one", at: value.location
                )
            } else {
                seen[key] = value.location
            }
        }
    }
}
