import OpenAPIModel

/// `not` and `if`/`then`/`else`: schemas that constrain a value without giving it a type. They become
/// `Constraint` literals over `Subschema`s (APIRuntime), checked against the JSON value after it decodes.
extension Translator {
    /// How deep `not`/`if` operands may nest (through `$ref`s too) before the generator gives up on them.
    static let maximumSubschemaDepth = 16

    /// The `Constraint(...)` literal for what `schema` says with `not` and `if`/`then`/`else`, or nil. With
    /// `checksRequired` (an object schema that becomes a dictionary, so no struct checks its members), `required` too.
    func constraint(_ schema: Schema, checksRequired: Bool = false) -> String? {
        guard schema.ref == nil else { return nil }
        var parts: [String] = []
        if checksRequired, !schema.required.isEmpty {
            parts.append("required: [\(schema.required.map(Naming.literal).joined(separator: ", "))]")
        }
        parts += notAndConditional(schema) { subschema($0, depth: 0, through: []) }
        if schema.condition != nil, schema.then == nil, schema.otherwise == nil {
            constraintFinding(.warning, "'if' without 'then' or 'else' constrains nothing", at: schema.keywordLocations["if"] ?? schema.location)
        } else if schema.condition == nil {
            // Read only in a 3.1 document (a 3.0 one has been told that none of the three is a keyword there).
            for (keyword, branch) in [("then", schema.then), ("else", schema.otherwise)] where branch != nil {
                constraintFinding(
                    .warning, "'\(keyword)' without 'if' is ignored, as in JSON Schema; add the 'if' it depends on",
                    at: schema.keywordLocations[keyword] ?? schema.location)
            }
        }
        return parts.isEmpty ? nil : "\(Runtime.constraint)(\(parts.joined(separator: ", ")))"
    }

    /// The `not:` and `conditional:` arguments that both literals take, each operand written by `operand`; an `if`
    /// with neither `then` nor `else` constrains nothing and is left out.
    func notAndConditional(_ schema: Schema, _ operand: (Schema) -> String) -> [String] {
        var parts: [String] = []
        if let not = schema.not { parts.append("not: \(operand(not))") }
        if let condition = schema.condition, schema.then != nil || schema.otherwise != nil {
            var arguments = ["if: \(operand(condition))"]
            if let then = schema.then { arguments.append("then: \(operand(then))") }
            if let otherwise = schema.otherwise { arguments.append("else: \(operand(otherwise))") }
            parts.append("conditional: .init(\(arguments.joined(separator: ", ")))")
        }
        return parts
    }

    /// A `Subschema(...)` literal for `schema`, its `$ref`s followed (a cycle is refused with an error).
    func subschema(_ schema: Schema, depth: Int, through refs: [String]) -> String {
        if let ref = schema.ref {
            guard let target = componentSchemas[ref] else { return "\(Runtime.subschema)()" }
            guard !refs.contains(ref) else {
                constraintFinding(
                    .error,
                    "the schema '\(ref)' refers to itself inside 'not' or 'if'/'then'/'else'; such a recursive schema cannot be checked there",
                    at: schema.location)
                return "\(Runtime.subschema)()"
            }
            return subschema(target, depth: depth + 1, through: refs + [ref])
        }
        guard depth < Self.maximumSubschemaDepth else {
            constraintFinding(
                .error, "'not' and 'if'/'then'/'else' nest more than \(Self.maximumSubschemaDepth) levels deep here", at: schema.location)
            return "\(Runtime.subschema)()"
        }
        func nested(_ member: Schema) -> String { subschema(member, depth: depth + 1, through: refs) }
        var parts: [String] = []
        if !schema.types.isEmpty {
            let kinds = schema.types + (schema.nullable ? ["null"] : [])
            parts.append("types: [\(kinds.map { ".\($0)" }.joined(separator: ", "))]")
        }
        if let values = schema.enumValues ?? schema.constValue.map({ [$0] }) {
            parts.append("enumValues: [\(values.map(jsonLiteral).joined(separator: ", "))]")
        }
        if let rules = stringRules(schema) { parts.append("string: \(rules.rendered)") }
        if let rules = numberRules(schema) { parts.append("number: \(rules.rendered)") }
        if let rules = arrayRules(schema) { parts.append("array: \(rules.rendered)") }
        if let items = schema.items { parts.append("items: \(nested(items))") }
        if !schema.required.isEmpty { parts.append("required: [\(schema.required.map(Naming.literal).joined(separator: ", "))]") }
        if !schema.properties.isEmpty {
            parts.append("properties: [\(schema.properties.map { "(\(Naming.literal($0.name)), \(nested($0.schema)))" }.joined(separator: ", "))]")
        }
        switch schema.additionalProperties {
        case .forbidden: parts.append("closed: true")
        case .schema:
            constraintFinding(
                .warning, "'additionalProperties' with a schema inside 'not' or 'if'/'then'/'else' is not checked there",
                at: schema.keywordLocations["additionalProperties"] ?? schema.location)
        case .allowed: break
        }
        for (label, members) in [("allOf", schema.allOf), ("anyOf", schema.anyOf), ("oneOf", schema.oneOf)] where !members.isEmpty {
            parts.append("\(label): [\(members.map(nested).joined(separator: ", "))]")
        }
        parts += notAndConditional(schema, nested)
        return "\(Runtime.subschema)(\(parts.joined(separator: ", ")))"
    }

    enum FindingSeverity { case warning, error }

    /// Reports a finding about `not`/`if` once, however many times its schema is translated.
    func constraintFinding(_ severity: FindingSeverity, _ message: String, at location: SourceLocation) {
        guard constraintFindings.insert("\(location.line):\(location.column):\(message)").inserted else { return }
        switch severity {
        case .warning: diagnostics.warning(message, at: location)
        case .error: diagnostics.error(message, at: location)
        }
    }

    /// A `JSONValue` literal for a value written in the spec (object members in key order).
    func jsonLiteral(_ value: SpecValue) -> String {
        switch value {
        case .null: ".null"
        case .bool(let flag): ".bool(\(flag))"
        case .number(let number): ".number(\(Naming.literal(number.text)))"
        case .string(let text): ".string(\(Naming.literal(text)))"
        case .array(let items): ".array([\(items.map(jsonLiteral).joined(separator: ", "))])"
        case .object(let members):
            ".object(\(Runtime.jsonObject)([\(members.sorted { $0.key < $1.key }.map { "(\(Naming.literal($0.key)), \(jsonLiteral($0.value)))" }.joined(separator: ", "))]))"
        }
    }
}
