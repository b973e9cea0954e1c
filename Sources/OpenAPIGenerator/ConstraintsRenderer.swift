import OpenAPIModel

/// Constraints as APIRuntime literals: `Constraint(not: Subschema(types: [.string]))`.
extension ConstraintDecl {
    var rendered: String {
        var parts: [String] = []
        if !required.isEmpty { parts.append("required: [\(required.map(Naming.literal).joined(separator: ", "))]") }
        parts += Self.notAndConditional(not, conditional)
        return "\(Runtime.constraint)(\(parts.joined(separator: ", ")))"
    }

    /// The `not:` and `conditional:` arguments, which `Constraint` and `Subschema` both take.
    static func notAndConditional(_ not: SubschemaDecl?, _ conditional: ConditionalDecl?) -> [String] {
        var parts: [String] = []
        if let not { parts.append("not: \(not.rendered)") }
        if let conditional {
            var arguments = ["if: \(conditional.condition.rendered)"]
            if let then = conditional.then { arguments.append("then: \(then.rendered)") }
            if let otherwise = conditional.otherwise { arguments.append("else: \(otherwise.rendered)") }
            parts.append("conditional: .init(\(arguments.joined(separator: ", ")))")
        }
        return parts
    }
}

extension SubschemaDecl {
    var rendered: String {
        var parts: [String] = []
        if !types.isEmpty { parts.append("types: [\(types.map { ".\($0)" }.joined(separator: ", "))]") }
        if let enumValues { parts.append("enumValues: [\(enumValues.map(Self.jsonLiteral).joined(separator: ", "))]") }
        if let string { parts.append("string: \(string.rendered)") }
        if let number { parts.append("number: \(number.rendered)") }
        if let array { parts.append("array: \(array.rendered)") }
        if let items { parts.append("items: \(items.rendered)") }
        if !required.isEmpty { parts.append("required: [\(required.map(Naming.literal).joined(separator: ", "))]") }
        if !properties.isEmpty {
            parts.append("properties: [\(properties.map { "(\(Naming.literal($0.name)), \($0.schema.rendered))" }.joined(separator: ", "))]")
        }
        if closed { parts.append("closed: true") }
        for (label, members) in [("allOf", allOf), ("anyOf", anyOf), ("oneOf", oneOf)] where !members.isEmpty {
            parts.append("\(label): [\(members.map(\.rendered).joined(separator: ", "))]")
        }
        parts += ConstraintDecl.notAndConditional(not, conditional)
        return "\(Runtime.subschema)(\(parts.joined(separator: ", ")))"
    }

    /// A `JSONValue` literal for a value written in the spec (object members in key order).
    static func jsonLiteral(_ value: SpecValue) -> String {
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
