import OpenAPIModel

/// Turns the OpenAPI model into declarations: one type per component schema, nested types for inline
/// schemas, and operation namespaces. Problems it meets are diagnostics, never silent drops.
final class Translator {
    let document: Document
    let diagnostics: DiagnosticCollector
    let fileName: String
    var componentSchemas: [String: Schema] = [:]
    var componentTypeNames: [String: String] = [:]
    /// The values of `componentTypeNames`, kept as a set for the many uniqueness checks.
    var componentTypeNameSet: Set<String> = []
    /// Component names whose declaration is a typealias: uses inline the underlying type.
    var aliasComponents: Set<String> = []
    var aliasStack: [String] = []
    /// Diagnostics about `not` and `if`/`then`/`else` already given: an alias schema is translated at every use.
    var constraintFindings: Set<String> = []
    /// Open `swiftType` calls and open inlinings of alias components: an alias is copied at every use, so a chain of
    /// aliases could nest types without end.
    var typeDepth = 0
    var inliningDepth = 0
    /// Types built inside inlined aliases and properties merged from `allOf` members. References copy them at every
    /// use, so a spec could ask for exponentially many; past `maximumCopies` generation stops with one error.
    var copies = 0
    var reportedCopies = false
    /// Direct (non-collection) struct-to-struct edges, to find recursion that needs a box.
    var directEdges: [String: Set<String>] = [:]
    var enumCases: [String: [(name: String, raw: EnumDecl.RawValue)]] = [:]
    /// Types of bodies of component responses and request bodies, generated once and shared by operations.
    var sharedTypes: [String: SwiftType] = [:]
    var sharedDecls: [Decl] = []
    /// The side of the wire being translated for, and the components whose request shape differs (required
    /// readOnly members: see `requestVariants()`).
    var direction: Direction = .response
    var requestVariantByComponent: [String: RequestVariant] = [:]

    /// How deep references may make types or `allOf` merges nest beyond what the spec writes out.
    static let maximumNesting = YAMLParser.maximumDepth
    static let maximumCopies = 100_000

    init(document: Document, diagnostics: DiagnosticCollector, fileName: String) {
        self.document = document
        self.diagnostics = diagnostics
        self.fileName = fileName
        var used: Set<String> = []
        for (name, schema) in document.schemas {
            componentSchemas[name] = schema
            componentTypeNames[name] = Naming.unique(Naming.typeName(name), &used)
        }
        componentTypeNameSet = used
    }

    /// False once `copies` is past `maximumCopies`; the first time, says so at `location`.
    func withinCopyLimit(through what: String, at location: SourceLocation) -> Bool {
        guard copies > Self.maximumCopies else { return true }
        if !reportedCopies {
            reportedCopies = true
            diagnostics.error(
                "references copy more than \(Self.maximumCopies) types and properties, here through \(what); every use of an alias schema or allOf member is a copy",
                at: location)
        }
        return false
    }

    func origin(_ pointer: String, _ location: SourceLocation) -> Origin {
        Origin(pointer: pointer, location: location)
    }

    func remark(_ origin: Origin) -> String {
        "- Remark: Generated from `\(origin.pointer)` (\(fileName):\(origin.location.line):\(origin.location.column))."
    }

    // MARK: Components

    func componentDecls() -> [Decl] {
        for (name, schema) in document.schemas where classify(schema) == .alias {
            aliasComponents.insert(name)
        }
        for (name, schema) in document.schemas where classify(schema) == .enumeration {
            _ = enumDecl(schema, name: componentTypeNames[name]!, qualified: componentTypeNames[name]!, pointer: "#/components/schemas/\(name)")
        }
        requestVariantByComponent = requestVariants()
        for case .split(let name) in requestVariantByComponent.values { componentTypeNameSet.insert(name) }
        var decls: [Decl] = []
        for (name, schema) in document.schemas {
            let typeName = componentTypeNames[name]!
            let pointer = "#/components/schemas/\(name)"
            switch requestVariantByComponent[name] {
            case .requestOnly?:
                direction = .request
                if let decl = namedDecl(schema, name: typeName, qualified: typeName, pointer: pointer) { decls.append(decl) }
                direction = .response
                continue
            case .split(let requestName)?:
                // The response shape below under the component's name; the request shape here.
                direction = .request
                if let decl = namedDecl(schema, name: requestName, qualified: requestName, pointer: pointer) { decls.append(decl) }
                direction = .response
            case nil:
                break
            }
            if aliasComponents.contains(name) {
                aliasStack = [name]
                var nested: [Decl] = []
                let type = swiftType(schema, suggested: typeName + "Value", parent: nil, nested: &nested, pointer: pointer)
                decls.append(contentsOf: nested)
                decls.append(
                    .alias(AliasDecl(name: typeName, type: type, doc: [schema.title, schema.description], origin: origin(pointer, schema.location))))
                aliasStack = []
            } else if let decl = namedDecl(schema, name: typeName, qualified: typeName, pointer: pointer) {
                decls.append(decl)
            }
        }
        return applyBoxing(decls)
    }

    enum Shape: Equatable { case structure, enumeration, union, alias }

    func classify(_ schema: Schema) -> Shape {
        if schema.ref != nil { return .alias }
        if !schema.oneOf.isEmpty || !schema.anyOf.isEmpty {
            return nonNullMembers(schema).count == 1 && schema.properties.isEmpty ? .alias : .union
        }
        if !schema.allOf.isEmpty {
            return schema.allOf.count == 1 && schema.allOf[0].ref != nil && schema.properties.isEmpty ? .alias : .structure
        }
        if let values = schema.enumValues ?? schema.constValue.map({ [$0] }), enumRawType(schema, values) != nil { return .enumeration }
        let objectLike = schema.types.contains("object") || (schema.types.isEmpty && !schema.properties.isEmpty)
        if objectLike && !schema.properties.isEmpty && schema.types.count <= 1 { return .structure }
        return .alias
    }

    func nonNullMembers(_ schema: Schema) -> [Schema] {
        (schema.oneOf + schema.anyOf).filter { !($0.types.isEmpty && $0.nullable && $0.ref == nil) && $0.types != ["null"] }
    }

    func enumRawType(_ schema: Schema, _ values: [SpecValue]) -> EnumDecl.RawType? {
        let nonNull = values.filter { $0 != .null }
        if nonNull.isEmpty { return nil }
        if schema.types.isEmpty || schema.types == ["string"], nonNull.allSatisfy({ if case .string = $0 { true } else { false } }) {
            return .string
        }
        if schema.types == ["integer"] || schema.types.isEmpty,
            nonNull.allSatisfy({ if case .number(let n) = $0 { n.int64 != nil } else { false } })
        {
            return .int
        }
        return nil
    }

    /// The declaration for a schema that needs a named type (struct, enum, union); nil for aliases.
    func namedDecl(_ schema: Schema, name: String, qualified: String, pointer: String) -> Decl? {
        switch classify(schema) {
        case .structure: return .structure(structDecl(schema, name: name, qualified: qualified, pointer: pointer))
        case .enumeration:
            if schema.not != nil || schema.condition != nil {
                // Its values are listed: a `not` or `if` could only remove some, which the list can say itself.
                constraintFinding(
                    .warning, "'not' and 'if'/'then'/'else' beside 'enum' are not checked; list only the allowed values",
                    at: schema.keywordLocations["not"] ?? schema.keywordLocations["if"] ?? schema.location)
            }
            return .enumeration(enumDecl(schema, name: name, qualified: qualified, pointer: pointer))
        case .union: return .union(unionDecl(schema, name: name, qualified: qualified, pointer: pointer))
        case .alias: return nil
        }
    }

    // MARK: Types of schemas

    /// The Swift type for `schema`; inline schemas that need a named type are declared in `nested`
    /// under `parent` (nil: top level).
    func swiftType(_ schema: Schema, suggested: String, parent: String?, nested: inout [Decl], pointer: String) -> SwiftType {
        typeDepth += 1
        defer { typeDepth -= 1 }
        if inliningDepth > 0 { copies += 1 }
        var base = nonNullType(schema, suggested: suggested, parent: parent, nested: &nested, pointer: pointer)
        // A named declaration checks its own `not`/`if` in its decoder; any other type is wrapped here.
        // An object schema without `properties` is a dictionary: its `required` names are checked here.
        let isObject = schema.types.isEmpty || schema.types == ["object"]
        if case .alias = classify(schema),
            let constraint = constraint(schema, checksRequired: isObject && schema.properties.isEmpty && schema.allOf.isEmpty)
        {
            if case .nullable(let wrapped) = base {
                base = .nullable(.constrained(wrapped, constraint: constraint))
            } else {
                base = .constrained(base, constraint: constraint)
            }
        }
        guard schema.nullable, !base.isNullable else { return base }
        if case .any = base { return base }
        return .nullable(base)
    }

    private func nonNullType(_ schema: Schema, suggested: String, parent: String?, nested: inout [Decl], pointer: String) -> SwiftType {
        if let ref = schema.ref {
            guard aliasComponents.contains(ref), let target = componentSchemas[ref] else {
                return .named(typeName(ofComponent: ref) ?? Runtime.jsonValue)
            }
            if aliasStack.contains(ref) {
                diagnostics.error(
                    "schema '\(ref)' refers to itself only through aliases and arrays; this recursion cannot be represented as a Swift type — wrap it in an object",
                    at: schema.location)
                return .any
            }
            guard typeDepth < Self.maximumNesting else {
                diagnostics.error("types nest more than \(Self.maximumNesting) levels deep through the alias schema '\(ref)'", at: schema.location)
                return .any
            }
            guard withinCopyLimit(through: "the alias schema '\(ref)'", at: schema.location) else { return .any }
            aliasStack.append(ref)
            inliningDepth += 1
            defer {
                aliasStack.removeLast()
                inliningDepth -= 1
            }
            return swiftType(
                target, suggested: componentTypeNames[ref]! + "Value", parent: nil, nested: &nested, pointer: "#/components/schemas/\(ref)")
        }
        switch classify(schema) {
        case .structure, .enumeration, .union:
            var name = suggested
            if componentTypeNameSet.contains(name) || name == parent?.split(separator: ".").last.map(String.init) { name += "Value" }
            let base = name
            var counter = 2
            let nestedNames = Set(nested.map(\.name))
            while componentTypeNameSet.contains(name) || nestedNames.contains(name) {
                name = "\(base)\(counter)"
                counter += 1
            }
            let qualified = parent.map { "\($0).\(name)" } ?? name
            if let decl = namedDecl(schema, name: name, qualified: qualified, pointer: pointer) { nested.append(decl) }
            return .named(qualified)
        case .alias:
            break
        }
        let members = nonNullMembers(schema)
        if !schema.oneOf.isEmpty || !schema.anyOf.isEmpty, let only = members.first {
            return swiftType(only, suggested: suggested, parent: parent, nested: &nested, pointer: pointer)
        }
        if schema.allOf.count == 1 {
            return swiftType(schema.allOf[0], suggested: suggested, parent: parent, nested: &nested, pointer: pointer + "/allOf/0")
        }
        if schema.types.count > 1 {
            diagnostics.warning(
                "a schema of several types (\(schema.types.joined(separator: ", "))) is represented as JSONValue and only its JSON well-formedness is checked",
                at: schema.location)
            return .any
        }
        switch schema.types.first {
        case "string":
            switch schema.format {
            case "date-time": return .dateTime
            case "uuid": return .uuid
            case "binary": return .named(Runtime.filePart)  // a file, in multipart bodies

            default: return .string(rules: stringRules(schema))
            }
        case "integer":
            let name = schema.format == "int32" ? "Int32" : schema.format == "int64" ? "Int64" : "Int"
            return .integer(name, rules: numberRules(schema))
        case "number":
            return .number(schema.format == "float" ? "Float" : "Double", rules: numberRules(schema))
        case "boolean":
            return .bool
        case "array":
            let element =
                schema.items.map {
                    swiftType($0, suggested: suggested + "Item", parent: parent, nested: &nested, pointer: pointer + "/items")
                } ?? .any
            return .array(element, rules: arrayRules(schema))
        case "object", nil:
            if case .schema(let valueSchema) = schema.additionalProperties {
                return .dictionary(
                    swiftType(
                        valueSchema, suggested: suggested + "Value", parent: parent, nested: &nested, pointer: pointer + "/additionalProperties"))
            }
            if schema.types.first == "object" { return .dictionary(.any) }
            return .any
        default:
            return .any
        }
    }

    // MARK: Rules

    func stringRules(_ schema: Schema) -> StringRulesDecl? {
        var rules = StringRulesDecl(minLength: schema.minLength, maxLength: schema.maxLength, pattern: schema.pattern)
        if let format = schema.format, ["email", "uri", "date", "ipv4", "ipv6", "hostname"].contains(format) { rules.format = format }
        return rules == StringRulesDecl() ? nil : rules
    }

    func numberRules(_ schema: Schema) -> NumberRulesDecl? {
        func bound(_ label: String, _ number: SpecNumber?) -> NumberRulesDecl.Bound? {
            guard let number else { return nil }
            guard let double = number.double, double.isFinite else {
                diagnostics.warning("'\(label)' \(number) is out of range and is not enforced", at: schema.location)
                return nil
            }
            // Exact at run time (`RuleNumber`): an int64 as an integer, any other number as its decimal text.
            if let integer = number.int64 { return .integer(integer) }
            let isJSONText = number.text.allSatisfy { "0123456789+-.eE".contains($0) }
            return .decimal(isJSONText ? number.text : String(double))
        }
        let rules = NumberRulesDecl(
            minimum: bound("minimum", schema.minimum), maximum: bound("maximum", schema.maximum),
            exclusiveMinimum: bound("exclusiveMinimum", schema.exclusiveMinimum),
            exclusiveMaximum: bound("exclusiveMaximum", schema.exclusiveMaximum),
            multipleOf: bound("multipleOf", schema.multipleOf))
        return rules == NumberRulesDecl() ? nil : rules
    }

    func arrayRules(_ schema: Schema) -> ArrayRulesDecl? {
        let rules = ArrayRulesDecl(minItems: schema.minItems, maxItems: schema.maxItems, uniqueItems: schema.uniqueItems)
        return rules == ArrayRulesDecl() ? nil : rules
    }
}

extension Decl {
    var name: String {
        switch self {
        case .structure(let d): d.name
        case .enumeration(let d): d.name
        case .union(let d): d.name
        case .alias(let d): d.name
        }
    }
}
