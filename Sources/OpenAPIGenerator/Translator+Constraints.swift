import OpenAPIModel

/// `not` and `if`/`then`/`else`: schemas that constrain a value without giving it a type. They become
/// `ConstraintDecl`s over `SubschemaDecl`s (Rules.swift), checked at run time by APIRuntime's `Constraint`.
extension Translator {
    /// How deep `not`/`if` operands may nest (through `$ref`s too) before the generator gives up on them.
    static let maximumSubschemaDepth = 16

    /// What `schema` says with `not` and `if`/`then`/`else`, or nil. With `checksRequired` (an object schema that
    /// becomes a dictionary, so no struct checks its members), `required` too.
    func constraint(_ schema: Schema, checksRequired: Bool = false) -> ConstraintDecl? {
        guard schema.ref == nil else { return nil }
        var constraint = ConstraintDecl()
        if checksRequired { constraint.required = schema.required }
        (constraint.not, constraint.conditional) = notAndConditional(schema) { subschema($0, depth: 0, through: []) }
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
        return constraint.isEmpty ? nil : constraint
    }

    /// The `not` and `if`/`then`/`else` operands, each made by `operand`; an `if` with neither `then` nor `else`
    /// constrains nothing and is left out.
    func notAndConditional(_ schema: Schema, _ operand: (Schema) -> SubschemaDecl) -> (SubschemaDecl?, ConditionalDecl?) {
        let not = schema.not.map(operand)
        var conditional: ConditionalDecl?
        if let condition = schema.condition, schema.then != nil || schema.otherwise != nil {
            conditional = ConditionalDecl(condition: operand(condition), then: schema.then.map(operand), otherwise: schema.otherwise.map(operand))
        }
        return (not, conditional)
    }

    /// `schema` as an operand, its `$ref`s followed (a cycle is refused with an error, and checks nothing).
    func subschema(_ schema: Schema, depth: Int, through refs: [String]) -> SubschemaDecl {
        if let ref = schema.ref {
            guard let target = componentSchemas[ref] else { return SubschemaDecl() }
            guard !refs.contains(ref) else {
                constraintFinding(
                    .error,
                    "the schema '\(ref)' refers to itself inside 'not' or 'if'/'then'/'else'; such a recursive schema cannot be checked there",
                    at: schema.location)
                return SubschemaDecl()
            }
            return subschema(target, depth: depth + 1, through: refs + [ref])
        }
        guard depth < Self.maximumSubschemaDepth else {
            constraintFinding(
                .error, "'not' and 'if'/'then'/'else' nest more than \(Self.maximumSubschemaDepth) levels deep here", at: schema.location)
            return SubschemaDecl()
        }
        func nested(_ member: Schema) -> SubschemaDecl { subschema(member, depth: depth + 1, through: refs) }
        let result = SubschemaDecl()
        if !schema.types.isEmpty { result.types = schema.types + (schema.nullable ? ["null"] : []) }
        result.enumValues = schema.enumValues ?? schema.constValue.map { [$0] }
        result.string = stringRules(schema)
        result.number = numberRules(schema)
        result.array = arrayRules(schema)
        result.items = schema.items.map(nested)
        result.required = schema.required
        result.properties = schema.properties.map { ($0.name, nested($0.schema)) }
        switch schema.additionalProperties {
        case .forbidden: result.closed = true
        case .schema:
            constraintFinding(
                .warning, "'additionalProperties' with a schema inside 'not' or 'if'/'then'/'else' is not checked there",
                at: schema.keywordLocations["additionalProperties"] ?? schema.location)
        case .allowed: break
        }
        result.allOf = schema.allOf.map(nested)
        result.anyOf = schema.anyOf.map(nested)
        result.oneOf = schema.oneOf.map(nested)
        (result.not, result.conditional) = notAndConditional(schema, nested)
        return result
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
}
