import OpenAPIModel

extension Translator {
    /// Merges `schema` into `merged`: its `allOf` members first, refs followed, then its own properties.
    func merge(_ schema: Schema, into merged: inout MergedObject, seen: inout Set<String>, depth: Int = 0) {
        for member in schema.allOf {
            if let ref = member.ref {
                guard depth < Self.maximumNesting else {
                    diagnostics.error("allOf nests more than \(Self.maximumNesting) levels deep through '\(ref)'", at: member.location)
                    continue
                }
                guard withinCopyLimit(through: "the allOf member '\(ref)'", at: member.location) else { continue }
                guard seen.insert(ref).inserted, let target = componentSchemas[ref] else {
                    diagnostics.error("allOf cycle through '\(ref)' cannot be represented", at: member.location)
                    continue
                }
                if classify(target) != .structure && target.properties.isEmpty {
                    diagnostics.warning("allOf member '\(ref)' is not an object schema; only object members are merged", at: member.location)
                }
                merge(target, into: &merged, seen: &seen, depth: depth + 1)
            } else {
                merge(member, into: &merged, seen: &seen, depth: depth + 1)
            }
        }
        if depth > 0 { copies += schema.properties.count }
        merged.add(schema)
    }

    func structDecl(_ schema: Schema, name: String, qualified: String, pointer: String) -> StructDecl {
        var seen: Set<String> = []
        var merged = MergedObject()
        merge(schema, into: &merged, seen: &seen)
        var nested: [Decl] = []
        var usedMembers: Set<String> = ["decode", "init"]
        var properties: [PropertyDecl] = []
        for (wireName, propertySchema) in merged.properties {
            let swiftName = Naming.unique(Naming.memberName(wireName), &usedMembers)
            let type = swiftType(
                propertySchema, suggested: Naming.typeName(wireName), parent: qualified, nested: &nested, pointer: pointer + "/properties/\(wireName)"
            )
            if case .named(let target) = type.nonNull, !target.hasPrefix(Runtime.jsonValue) {
                directEdges[qualified, default: []].insert(target)
            }
            // A required readOnly member is required in responses only: optional in a request type.
            let isRequired = merged.requires(wireName) && !(propertySchema.readOnly && direction == .request)
            var presence: PropertyDecl.Presence = isRequired ? .required : (type.isNullable ? .field : .optional)
            if !isRequired, let value = propertySchema.defaultValue ?? componentSchemas[propertySchema.ref ?? ""]?.defaultValue, value != .null {
                if let literal = literal(value, for: type) {
                    presence = .defaulted(literal)
                } else {
                    diagnostics.warning(
                        "default value of '\(wireName)' cannot be written as a Swift literal; it is not applied", at: propertySchema.location)
                }
            }
            var doc = [propertySchema.title, propertySchema.description]
            if propertySchema.readOnly {
                doc.append(readOnlyNote(required: merged.requires(wireName), inRequests: !isRequired))
            }
            properties.append(
                PropertyDecl(
                    swiftName: swiftName, wireName: wireName, type: type, presence: presence, writeOnly: propertySchema.writeOnly, doc: doc,
                    secret: propertySchema.writeOnly || propertySchema.format == "password"))
        }
        for requiredName in merged.required where !merged.declares(requiredName) {
            var message = "required property '\(requiredName)' is not declared in 'properties', so it is not checked"
            if let near = nearestName(to: requiredName, in: merged.properties.map(\.name)) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; declare it under 'properties'"
            }
            diagnostics.report(.requiredPropertyMissing, message, at: schema.keywordLocations["required"] ?? schema.location)
        }
        var forbidsExtra = false
        if case .forbidden = schema.additionalProperties, schema.allOf.isEmpty { forbidsExtra = true }
        var additional: StructDecl.AdditionalMembers?
        if case .schema(let valueSchema) = schema.additionalProperties {
            let swiftName = Naming.unique("additionalProperties", &usedMembers)
            let valueType = swiftType(
                valueSchema, suggested: "AdditionalProperty", parent: qualified, nested: &nested, pointer: pointer + "/additionalProperties")
            additional = .init(swiftName: swiftName, valueType: valueType)
        }
        return StructDecl(
            name: name, qualifiedName: qualified, doc: [schema.title, schema.description],
            origin: origin(pointer, schema.location), properties: properties,
            forbidsAdditionalProperties: forbidsExtra, additionalMembers: additional, constraint: constraint(schema), nested: nested)
    }

    func readOnlyNote(required: Bool, inRequests: Bool) -> String {
        guard required else { return "Read-only: written by the server; a client need not send it." }
        return inRequests
            ? "Read-only: required in responses, optional in this request type (a client leaves it out)."
            : "Read-only: written by the server; required in this response type."
    }

    func enumDecl(_ schema: Schema, name: String, qualified: String, pointer: String) -> EnumDecl {
        let values = schema.enumValues ?? schema.constValue.map { [$0] } ?? []
        let rawType = enumRawType(schema, values) ?? .string
        var used: Set<String> = []
        var cases: [(name: String, raw: EnumDecl.RawValue)] = []
        for value in values {
            switch value {
            case .string(let text):
                var caseName = Naming.memberName(text)
                if caseName == "_unnamed" { caseName = "_empty" }
                cases.append((Naming.unique(caseName, &used), .string(text)))
            case .number(let number):
                let caseName = number.text.hasPrefix("-") ? "minus\(number.text.dropFirst())" : "value\(number.text)"
                cases.append((Naming.unique(caseName, &used), .integer(number.text)))
            default:
                continue
            }
        }
        enumCases[qualified] = cases
        return EnumDecl(
            name: name, rawType: rawType, cases: cases, doc: [schema.title, schema.description], origin: origin(pointer, schema.location))
    }

    func unionDecl(_ schema: Schema, name: String, qualified: String, pointer: String) -> UnionDecl {
        var nested: [Decl] = []
        var used: Set<String> = []
        var cases: [(name: String, type: SwiftType)] = []
        var refCase: [String: String] = [:]
        let keyword = schema.oneOf.isEmpty ? "anyOf" : "oneOf"
        if !schema.oneOf.isEmpty && !schema.anyOf.isEmpty {
            diagnostics.warning("'oneOf' and 'anyOf' together: both lists become alternatives", at: schema.location)
        }
        if !schema.properties.isEmpty {
            diagnostics.warning("properties beside '\(keyword)' are not supported; only the alternatives are used", at: schema.location)
        }
        for (index, member) in nonNullMembers(schema).enumerated() {
            let base = member.ref.map { Naming.memberName(componentTypeNames[$0] ?? $0) } ?? "case\(index + 1)"
            let caseName = Naming.unique(base, &used)
            let type = swiftType(
                member, suggested: Naming.typeName(caseName), parent: qualified, nested: &nested, pointer: pointer + "/\(keyword)/\(index)")
            if let ref = member.ref { refCase[ref] = caseName }
            cases.append((caseName, type))
        }
        var discriminator: (property: String, values: [(value: String, caseName: String)])?
        if let declared = schema.discriminator {
            var values: [(value: String, caseName: String)] = declared.mapping.compactMap { entry in
                refCase[entry.schema].map { (entry.value, $0) }
            }
            for (ref, caseName) in refCase.sorted(by: { $0.key < $1.key }) where !values.contains(where: { $0.caseName == caseName }) {
                values.append((ref, caseName))
            }
            discriminator = (declared.propertyName, values)
        }
        return UnionDecl(
            name: name, qualifiedName: qualified, cases: cases, discriminator: discriminator,
            doc: [schema.title, schema.description], origin: origin(pointer, schema.location), constraint: constraint(schema), nested: nested)
    }

    /// A Swift literal for a spec `default`, when the type has one.
    func literal(_ value: SpecValue, for type: SwiftType) -> DefaultValue? {
        switch (type.nonNull, value) {
        case (.string, .string(let text)): return .string(text)
        case (.integer, .number(let number)) where number.int64 != nil: return .integer(number.text)
        case (.number, .number(let number)): return number.double.map { .number($0) }
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.named(let name), .string(let text)):
            return enumCases[name]?.first { $0.raw == .string(text) }.map { .enumCase($0.name) }
        case (.named(let name), .number(let number)):
            return enumCases[name]?.first { $0.raw == .integer(number.text) }.map { .enumCase($0.name) }
        case (.array, .array(let items)) where items.isEmpty: return .emptyArray
        default: return nil
        }
    }

    /// Makes direct struct properties that lead back to their own struct `Box<T>`, so the types have finite size.
    func applyBoxing(_ decls: [Decl]) -> [Decl] {
        func reaches(_ from: String, _ target: String) -> Bool {
            var stack = [from]
            var visited: Set<String> = []
            while let next = stack.popLast() {
                if next == target { return true }
                guard visited.insert(next).inserted else { continue }
                stack.append(contentsOf: directEdges[next] ?? [])
            }
            return false
        }
        func rewrite(_ decl: Decl) -> Decl {
            switch decl {
            case .structure(var s):
                s.properties = s.properties.map { property in
                    var property = property
                    if case .named(let target) = property.type.nonNull, reaches(target, s.qualifiedName) {
                        property.type = property.type.isNullable ? .nullable(.boxed(.named(target))) : .boxed(.named(target))
                    }
                    return property
                }
                s.nested = s.nested.map(rewrite)
                return .structure(s)
            case .union(var u):
                u.nested = u.nested.map(rewrite)
                return .union(u)
            default:
                return decl
            }
        }
        return decls.map(rewrite)
    }
}
