import Foundation

extension DocumentReader {
    static let knownTypes = ["string", "number", "integer", "boolean", "array", "object", "null"]

    /// Keywords understood here; anything else that changes validation is named in a warning.
    static let unsupportedKeywords = [
        "patternProperties", "dependentSchemas", "dependentRequired", "prefixItems",
        "contains", "minContains", "maxContains", "$dynamicRef", "$dynamicAnchor", "unevaluatedProperties",
        "unevaluatedItems", "propertyNames", "minProperties", "maxProperties",
    ]

    func schema(_ node: YAMLNode) -> Schema {
        schemaDepth += 1
        defer { schemaDepth -= 1 }
        let result = Schema(location: node.location)
        if let flag = node.bool {
            if !flag { diagnostics.warning("the schema 'false' (nothing is valid) is not supported; it is treated as any value", at: node.location) }
            return result
        }
        guard let pairs = node.mapping else {
            diagnostics.error("expected a schema (a mapping), found a \(node.kindName)", at: node.location)
            return result
        }
        if let refNode = node["$ref"] {
            return reference(refNode)
        }
        for (key, value) in pairs {
            guard let keyword = key.scalar else { continue }
            result.keywordLocations[keyword] = key.location
            if readStructure(keyword, key, value, in: node, into: result) || readBounds(keyword, key, value, in: node, into: result)
                || readAnnotation(keyword, key, value, in: node, into: result)
            {
                continue
            }
            if Self.unsupportedKeywords.contains(keyword) {
                diagnostics.report(.unsupportedKeyword, "'\(keyword)' is not supported by this generator; it is not enforced", at: key.location)
            }
        }
        if result.pendingExclusive.contains("exclusiveMinimum") {
            result.exclusiveMinimum = result.minimum
            result.minimum = nil
        }
        if result.pendingExclusive.contains("exclusiveMaximum") {
            result.exclusiveMaximum = result.maximum
            result.maximum = nil
        }
        if let pattern = result.pattern, !PatternCheck.isValid(pattern) {
            diagnostics.error("'pattern' is not a valid regular expression: \(pattern)", at: node["pattern"]?.location ?? node.location)
        }
        return result
    }

    /// Keywords that shape the value: type, properties, required, items, enum, compositions, conditionals. False for any other keyword.
    private func readStructure(_ keyword: String, _ key: YAMLNode, _ value: YAMLNode, in node: YAMLNode, into result: Schema) -> Bool {
        switch keyword {
        case "type": readType(value, into: result)
        case "properties":
            guard let props = value.mapping else {
                diagnostics.error("'properties' must be a mapping", at: value.location)
                return true
            }
            result.properties = props.compactMap { pair in
                pair.key.scalar.map { name in (name, withPointer(name) { schema(pair.value) }) }
            }
        case "required":
            guard let items = value.sequence else {
                // 3.0 authors sometimes write `required: true` on a property; say what it means.
                let message =
                    value.bool != nil
                    ? "'required: \(value.scalar ?? "")' on a property does nothing; list the property's name in its parent object's 'required: [...]'"
                    : "'required' in a schema must be a list of property names"
                diagnostics.report(.requiredList, message, at: value.location)
                return true
            }
            result.required = items.compactMap { string($0, "required") }
        case "additionalProperties":
            if let flag = value.bool {
                result.additionalProperties = flag ? .allowed : .forbidden
            } else {
                result.additionalProperties = .schema(schema(value))
            }
        case "items": result.items = schema(value)
        case "enum":
            guard let items = value.sequence else {
                diagnostics.error("'enum' must be a list", at: value.location)
                return true
            }
            result.enumValues = items.map(self.value)
        case "const": result.constValue = self.value(value)
        case "allOf", "oneOf", "anyOf":
            guard let items = value.sequence, !items.isEmpty else {
                diagnostics.error("'\(keyword)' must be a non-empty list of schemas", at: value.location)
                return true
            }
            let schemas = items.map(schema)
            if keyword == "allOf" { result.allOf = schemas } else if keyword == "oneOf" { result.oneOf = schemas } else { result.anyOf = schemas }
        case "discriminator": result.discriminator = discriminator(value)
        case "not": result.not = schema(value)
        case "if" where !is31, "then" where !is31, "else" where !is31:
            // OpenAPI 3.0's schemas predate them (JSON Schema 2019-09, which 3.1 adopted): a 3.0 validator
            // ignores them, so enforcing them here would refuse what every other 3.0 tool accepts.
            diagnostics.report(
                .unsupportedKeyword,
                "'\(keyword)' is not a keyword of OpenAPI 3.0 schemas and is ignored; it is checked in an OpenAPI 3.1 document",
                at: key.location)
        case "if": result.condition = schema(value)
        case "then": result.then = schema(value)
        case "else": result.otherwise = schema(value)
        default:
            return false
        }
        return true
    }

    /// Keywords that bound the value: lengths, sizes, pattern, numeric bounds. False for any other keyword.
    private func readBounds(_ keyword: String, _ key: YAMLNode, _ value: YAMLNode, in node: YAMLNode, into result: Schema) -> Bool {
        switch keyword {
        case "minLength": result.minLength = int(value, keyword)
        case "maxLength": result.maxLength = int(value, keyword)
        case "minItems": result.minItems = int(value, keyword)
        case "maxItems": result.maxItems = int(value, keyword)
        case "pattern": result.pattern = string(value, keyword)
        case "minimum": result.minimum = number(value, keyword)
        case "maximum": result.maximum = number(value, keyword)
        case "multipleOf": result.multipleOf = number(value, keyword)
        case "exclusiveMinimum", "exclusiveMaximum":
            // 3.0: a boolean that makes minimum/maximum exclusive; 3.1: the bound itself.
            if let flag = value.bool {
                if is31 {
                    let bound = keyword == "exclusiveMinimum" ? "minimum" : "maximum"
                    diagnostics.report(
                        .exclusiveBoundIn31,
                        "boolean '\(keyword)' is OpenAPI 3.0; in 3.1 it is the bound itself: write '\(keyword): N' instead of '\(bound): N'",
                        at: value.location)
                }
                if flag { result.pendingExclusive.insert(keyword) }
            } else if keyword == "exclusiveMinimum" {
                result.exclusiveMinimum = number(value, keyword)
            } else {
                result.exclusiveMaximum = number(value, keyword)
            }
        case "uniqueItems": result.uniqueItems = bool(value, keyword) ?? false
        default:
            return false
        }
        return true
    }

    /// Keywords that describe the value or how it travels: format, nullable, title, default, examples, readOnly. False for any other keyword.
    private func readAnnotation(_ keyword: String, _ key: YAMLNode, _ value: YAMLNode, in node: YAMLNode, into result: Schema) -> Bool {
        switch keyword {
        case "nullable":
            result.nullable = bool(value, "nullable") ?? false
            if is31 {
                let type = node["type"]?.scalar ?? "T"
                diagnostics.report(.nullableIn31, "'nullable' is OpenAPI 3.0; in 3.1 write 'type: [\(type), \"null\"]'", at: key.location)
            }
        case "format": result.format = string(value, "format")
        case "title": result.title = string(value, "title")
        case "description": result.description = string(value, "description")
        case "default": result.defaultValue = self.value(value)
        case "example": result.examples.insert(self.value(value), at: 0)
        case "examples": result.examples += value.sequence?.map(self.value) ?? []
        case "readOnly": result.readOnly = bool(value, keyword) ?? false
        case "writeOnly": result.writeOnly = bool(value, keyword) ?? false
        case "deprecated": result.deprecated = bool(value, keyword) ?? false
        default:
            return false
        }
        return true
    }

    private func readType(_ value: YAMLNode, into result: Schema) {
        let names: [YAMLNode] = value.sequence ?? [value]
        for nameNode in names {
            guard let name = string(nameNode, "type") else { continue }
            guard Self.knownTypes.contains(name) else {
                var message = "unknown type '\(name)'"
                if let hint = TypeHint.replacement(for: name) {
                    message += "; write '\(hint)'"
                } else if let near = nearestName(to: name, in: Self.knownTypes) {
                    message += "; did you mean '\(near)'?"
                }
                diagnostics.report(.unknownType, message, at: nameNode.location)
                continue
            }
            if name == "null" { result.nullable = true } else { result.types.append(name) }
        }
    }

    private func discriminator(_ node: YAMLNode) -> Schema.Discriminator? {
        guard let property = string(node["propertyName"], "propertyName") else {
            diagnostics.error("a discriminator needs 'propertyName'", at: node.location)
            return nil
        }
        var mapping: [(value: String, schema: String)] = []
        for (key, value) in node["mapping"]?.mapping ?? [] {
            guard let discriminatorValue = key.scalar, let target = string(value, "mapping") else { continue }
            let name = target.hasPrefix("#/components/schemas/") ? String(target.dropFirst("#/components/schemas/".count)) : target
            guard componentSchemaNameSet.contains(name) else {
                diagnostics.error("discriminator mapping '\(target)' names no component schema", at: value.location)
                continue
            }
            mapping.append((discriminatorValue, name))
        }
        return .init(propertyName: property, mapping: mapping)
    }

    /// A schema `$ref`: a component stays a reference by name; any other local pointer is read in place.
    private func reference(_ refNode: YAMLNode) -> Schema {
        let fallback = Schema(location: refNode.location)
        guard let ref = string(refNode, "$ref") else { return fallback }
        let prefix = "#/components/schemas/"
        if ref.hasPrefix(prefix), !ref.dropFirst(prefix.count).contains("/") {
            let raw = String(ref.dropFirst(prefix.count))
            let name = raw.removingPercentEncoding ?? raw
            if componentSchemaNameSet.contains(name) { return .reference(name, at: refNode.location) }
            var message = "$ref '\(ref)' does not resolve"
            if let near = suggestion(for: name, in: componentSchemaNames) { message += "; did you mean '\(prefix)\(near)'?" }
            diagnostics.error(message, at: refNode.location)
            return fallback
        }
        guard ref.hasPrefix("#") else {
            diagnostics.error("external $ref '\(ref)' is not supported; only references within the document (#/...) are", at: refNode.location)
            return fallback
        }
        guard let target = resolvePointer(ref) else {
            diagnostics.error("$ref '\(ref)' does not resolve", at: refNode.location)
            return fallback
        }
        if pointerStack.contains(where: { $0 == ref || $0.hasPrefix(ref + "/") }) {
            diagnostics.error(
                "reference cycle through '\(ref)' cannot be represented; make the recursive schema a component (#/components/schemas/...)",
                at: refNode.location)
            return fallback
        }
        guard schemaDepth < Self.maximumSchemaDepth else {
            diagnostics.error(
                "schemas nest more than \(Self.maximumSchemaDepth) levels deep through '$ref's; make the shared schema a component (#/components/schemas/...)",
                at: refNode.location)
            return fallback
        }
        inPlaceNodes += target.expandedSize
        guard inPlaceNodes <= inPlaceLimit else {
            if inPlaceNodes - target.expandedSize <= inPlaceLimit {
                diagnostics.error(
                    "'$ref's read in place expand to more than \(inPlaceLimit) nodes; make the shared schema a component (#/components/schemas/...)",
                    at: refNode.location)
            }
            return fallback
        }
        pointerStack.append(ref)
        defer { pointerStack.removeLast() }
        return schema(target)
    }

    private func withPointer<T>(_ property: String, _ body: () -> T) -> T {
        guard let last = pointerStack.last else { return body() }
        pointerStack.append(last + "/properties/" + property)
        defer { pointerStack.removeLast() }
        return body()
    }
}
