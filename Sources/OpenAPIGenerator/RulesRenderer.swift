/// Validation rules as APIRuntime initialisers: `StringRules(minLength: 1, format: .email)`.
extension StringRulesDecl {
    var rendered: String {
        var parts: [String] = []
        if let minLength { parts.append("minLength: \(minLength)") }
        if let maxLength { parts.append("maxLength: \(maxLength)") }
        if let pattern { parts.append("pattern: \(Naming.literal(pattern))") }
        if let format { parts.append("format: .\(format)") }
        return "\(Runtime.stringRules)(\(parts.joined(separator: ", ")))"
    }
}

extension NumberRulesDecl {
    var rendered: String {
        var parts: [String] = []
        func add(_ label: String, _ bound: Bound?) {
            switch bound {
            case .integer(let value)?: parts.append("\(label): \(value)")
            case .decimal(let text)?: parts.append("\(label): \(Naming.literal(text))")
            case nil: break
            }
        }
        add("minimum", minimum)
        add("maximum", maximum)
        add("exclusiveMinimum", exclusiveMinimum)
        add("exclusiveMaximum", exclusiveMaximum)
        add("multipleOf", multipleOf)
        return "\(Runtime.numberRules)(\(parts.joined(separator: ", ")))"
    }
}

extension ArrayRulesDecl {
    var rendered: String {
        var parts: [String] = []
        if let minItems { parts.append("minItems: \(minItems)") }
        if let maxItems { parts.append("maxItems: \(maxItems)") }
        if uniqueItems { parts.append("uniqueItems: true") }
        return "\(Runtime.arrayRules)(\(parts.joined(separator: ", ")))"
    }
}

extension DefaultValue {
    var rendered: String {
        switch self {
        case .string(let text): Naming.literal(text)
        case .integer(let text): text
        case .number(let value): String(value)
        case .bool(let flag): String(flag)
        case .enumCase(let name): ".\(Naming.escaped(name))"
        case .emptyArray: "[]"
        }
    }
}
