import OpenAPIModel

/// JSON Schema -> TypeScript type. Absent and `null` stay apart: a member not in `required` is `?`, a schema
/// that admits null (3.1 `type: [T, 'null']`, `anyOf` with a null member, 3.0 `nullable`) adds `| null`.
/// Constraints TypeScript cannot express become doc comment lines (`docs(_:)`).
struct SchemaTranslator {
    /// Component schema name -> TypeScript type name.
    let typeNames: [String: String]
    /// Written before a component's type name: "" inside `schemas.ts`, "S." in the client.
    let qualifier: String

    func type(_ schema: Schema) -> TSType {
        let base = nonNullType(schema)
        return schema.nullable ? TSType.unionOf([base, .null]) : base
    }

    private func nonNullType(_ schema: Schema) -> TSType {
        if let ref = schema.ref { return .named(qualifier + (typeNames[ref] ?? TSNaming.typeName(ref))) }
        if let values = schema.enumValues ?? schema.constValue.map({ [$0] }) {
            let literals = values.map { TSNaming.literal($0).map(TSType.literal) ?? .unknown }
            return literals.isEmpty ? .keyword("never") : .unionOf(literals)
        }
        var parts: [TSType] = []
        if let own = ownType(schema) { parts.append(own) }
        parts += schema.allOf.map(type)
        let alternatives = schema.oneOf + schema.anyOf
        if !alternatives.isEmpty { parts.append(.unionOf(alternatives.map(type))) }
        switch parts.count {
        case 0: return schema.nullable ? .null : .unknown
        case 1: return parts[0]
        default: return .intersection(parts)
        }
    }

    /// The type the schema's own `type`, `properties` and `items` give, or nil when they say nothing.
    private func ownType(_ schema: Schema) -> TSType? {
        if schema.types.isEmpty {
            let hasObjectKeywords = !schema.properties.isEmpty || !schema.required.isEmpty || isRestricted(schema.additionalProperties)
            if hasObjectKeywords { return objectType(schema) }
            if let items = schema.items { return .array(type(items)) }
            return nil
        }
        return .unionOf(
            schema.types.map { name -> TSType in
                switch name {
                case "string": return schema.format == "binary" ? .named(qualifier + "BinaryFile") : .string
                case "integer", "number": return .number
                case "boolean": return .boolean
                case "array": return .array(schema.items.map(type) ?? .unknown)
                case "object": return objectType(schema)
                default: return .unknown
                }
            })
    }

    private func isRestricted(_ additional: Schema.AdditionalProperties) -> Bool {
        if case .allowed = additional { return false }
        return true
    }

    private func objectType(_ schema: Schema) -> TSType {
        var properties = schema.properties.map { name, property in
            TSProperty(name: name, type: type(property), optional: !schema.required.contains(name), doc: docs(property))
        }
        // Required names declared by a sibling `allOf` member: `unknown` here, so the intersection makes them required.
        for name in schema.required where !schema.properties.contains(where: { $0.name == name }) {
            properties.append(TSProperty(name: name, type: .unknown, optional: false))
        }
        switch schema.additionalProperties {
        case .schema(let values):
            return properties.isEmpty ? .map(type(values)) : .intersection([.object(properties), .map(type(values))])
        case .forbidden:
            return properties.isEmpty ? .map(.keyword("never")) : .object(properties)
        case .allowed:
            return properties.isEmpty ? .map(.unknown) : .object(properties)
        }
    }

    /// What the schema says beyond its type, one doc comment line each: description, format, bounds, pattern.
    func docs(_ schema: Schema) -> [String] {
        var lines: [String] = []
        if let title = schema.title { lines.append(title) }
        if let description = schema.description { lines.append(description) }
        if schema.ref != nil { return lines }
        if schema.types.contains("integer") && !schema.types.contains("number") { lines.append("@integer") }
        if let format = schema.format { lines.append("@format \(format)") }
        if let value = schema.minLength { lines.append("@minLength \(value)") }
        if let value = schema.maxLength { lines.append("@maxLength \(value)") }
        if let value = schema.pattern { lines.append("@pattern \(value)") }
        if let value = schema.minimum { lines.append("@minimum \(value)") }
        if let value = schema.exclusiveMinimum { lines.append("@exclusiveMinimum \(value)") }
        if let value = schema.maximum { lines.append("@maximum \(value)") }
        if let value = schema.exclusiveMaximum { lines.append("@exclusiveMaximum \(value)") }
        if let value = schema.multipleOf { lines.append("@multipleOf \(value)") }
        if let value = schema.minItems { lines.append("@minItems \(value)") }
        if let value = schema.maxItems { lines.append("@maxItems \(value)") }
        if schema.uniqueItems { lines.append("@uniqueItems") }
        if let value = schema.defaultValue { lines.append("@default \(TSNaming.json(value))") }
        if schema.readOnly { lines.append("@readOnly sent by the server only") }
        if schema.writeOnly { lines.append("@writeOnly sent by the client only") }
        if schema.deprecated { lines.append("@deprecated") }
        return lines
    }
}
