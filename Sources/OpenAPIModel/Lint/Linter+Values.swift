import Foundation

extension Linter {
    /// One reason a value fails its schema, with the spot in the value.
    struct Mismatch {
        var message: String
        var location: SourceLocation
    }

    /// Reports `value` when `schema` rejects it: type, enum, const, bounds, lengths, pattern, required and
    /// properties, items. `oneOf`/`anyOf` are not tried (cheap checks only, so no false alarms).
    /// - Parameter textual: the value travels as text (a parameter, a header, a form field), so a string
    ///   `'true'` or `'12'` is as good as the boolean or number it spells.
    func checkValue(_ value: YAMLNode, against schema: YAMLNode, rule: LintRule, what: String, textual: Bool = false) {
        guard let mismatch = mismatch(value, schema, path: "", depth: 0, textual: textual) else { return }
        report(rule, "\(what) does not match its schema: \(mismatch.message)", at: mismatch.location)
    }

    private func mismatch(_ value: YAMLNode, _ rawSchema: YAMLNode, path: String, depth: Int, textual: Bool) -> Mismatch? {
        guard depth < 32, let schema = resolve(rawSchema), schema.mapping != nil else { return nil }
        let at = path.isEmpty ? "" : "at '\(path)': "
        let fail = { (text: String) in Mismatch(message: at + text, location: value.location) }
        for part in schema["allOf"]?.sequence ?? [] {
            if let found = mismatch(value, part, path: path, depth: depth + 1, textual: textual) { return found }
        }
        var kind = JSONKind(value)
        let types = (schema["type"]?.sequence ?? schema["type"].map { [$0] } ?? []).compactMap(\.scalar)
        let nullable = schema["nullable"]?.bool == true || types.contains("null")
        if textual, kind == .string, let spelt = Self.spelledKind(value.scalar ?? "", types) { kind = spelt }
        if kind == .null, nullable || types.isEmpty { return nil }
        if !types.isEmpty, !types.contains(where: kind.matches) {
            return fail("expected \(types.joined(separator: " or ")), found \(kind.article) \(kind.rawValue) (\(JSONKind.quoted(value)))")
        }
        if let options = schema["enum"]?.sequence, !options.isEmpty, !options.contains(where: { JSONKey($0) == JSONKey(value) }) {
            let list = options.prefix(6).map(JSONKind.quoted).joined(separator: ", ") + (options.count > 6 ? ", ..." : "")
            return fail("\(JSONKind.quoted(value)) is not one of the enum values (\(list))")
        }
        if let constant = schema["const"], JSONKey(constant) != JSONKey(value) { return fail("expected the constant \(JSONKind.quoted(constant))") }
        switch kind {
        case .string: return stringMismatch(value.scalar ?? "", schema, fail)
        case .integer, .number: return numberMismatch(Double(value.scalar ?? "") ?? 0, schema, fail)
        case .array: return arrayMismatch(value, schema, path: path, depth: depth, textual: textual, fail)
        case .object: return objectMismatch(value, schema, path: path, depth: depth, textual: textual, fail)
        case .null, .boolean: return nil
        }
    }

    /// The type among `types` that `text` spells (`'true'` a boolean, `'12'` an integer), if any.
    private static func spelledKind(_ text: String, _ types: [String]) -> JSONKind? {
        if types.contains("boolean"), text == "true" || text == "false" { return .boolean }
        if types.contains("integer"), Int64(text) != nil { return .integer }
        if types.contains("number"), Double(text) != nil { return .number }
        return nil
    }

    private func stringMismatch(_ text: String, _ schema: YAMLNode, _ fail: (String) -> Mismatch) -> Mismatch? {
        let length = text.unicodeScalars.count
        if let min = schema["minLength"]?.scalar.flatMap({ Int($0) }), length < min { return fail("'\(text)' is shorter than minLength \(min)") }
        if let max = schema["maxLength"]?.scalar.flatMap({ Int($0) }), length > max {
            return fail("'\(text.count > 40 ? text.prefix(37) + "..." : Substring(text))' is \(length) characters long, more than maxLength \(max)")
        }
        if let pattern = schema["pattern"]?.scalar, let regex = try? NSRegularExpression(pattern: pattern),
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil
        {
            return fail("'\(text)' does not match the pattern \(pattern)")
        }
        let format = schema["format"]?.scalar ?? ""
        if let shape = Self.formatShapes[format],
            (try? NSRegularExpression(pattern: shape))?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil
        {
            return fail("'\(text)' is not a valid \(format)")
        }
        return nil
    }

    /// Formats whose shape is cheap to check.
    private static let formatShapes = [
        "date": #"^\d{4}-\d{2}-\d{2}$"#,
        "date-time": #"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#,
        "uuid": #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"#,
        "email": #"^[^@\s]+@[^@\s]+$"#,
    ]

    private func numberMismatch(_ number: Double, _ schema: YAMLNode, _ fail: (String) -> Mismatch) -> Mismatch? {
        func bound(_ key: String) -> Double? { schema[key]?.bool == nil ? schema[key]?.scalar.flatMap(Double.init) : nil }
        let exclusiveMin = schema["exclusiveMinimum"]?.bool == true
        let exclusiveMax = schema["exclusiveMaximum"]?.bool == true
        if let min = bound("minimum"), exclusiveMin ? number <= min : number < min {
            return fail("\(number.clean) is below the minimum \(min.clean)")
        }
        if let max = bound("maximum"), exclusiveMax ? number >= max : number > max {
            return fail("\(number.clean) is above the maximum \(max.clean)")
        }
        if let min = bound("exclusiveMinimum"), number <= min { return fail("\(number.clean) is not above the exclusiveMinimum \(min.clean)") }
        if let max = bound("exclusiveMaximum"), number >= max { return fail("\(number.clean) is not below the exclusiveMaximum \(max.clean)") }
        return nil
    }

    private func arrayMismatch(_ value: YAMLNode, _ schema: YAMLNode, path: String, depth: Int, textual: Bool, _ fail: (String) -> Mismatch)
        -> Mismatch?
    {
        let items = value.sequence ?? []
        if let min = schema["minItems"]?.scalar.flatMap({ Int($0) }), items.count < min {
            return fail("the array has \(items.count) items, fewer than minItems \(min)")
        }
        if let max = schema["maxItems"]?.scalar.flatMap({ Int($0) }), items.count > max {
            return fail("the array has \(items.count) items, more than maxItems \(max)")
        }
        guard let itemSchema = schema["items"] else { return nil }
        for (index, item) in items.enumerated() {
            if let found = mismatch(item, itemSchema, path: "\(path)[\(index)]", depth: depth + 1, textual: textual) { return found }
        }
        return nil
    }

    private func objectMismatch(_ value: YAMLNode, _ schema: YAMLNode, path: String, depth: Int, textual: Bool, _ fail: (String) -> Mismatch)
        -> Mismatch?
    {
        let properties = schema["properties"]
        for nameNode in schema["required"]?.sequence ?? [] {
            guard let name = nameNode.scalar, value[name] == nil else { continue }
            // A response example leaves out writeOnly properties, a request example readOnly ones.
            let property = properties?[name].flatMap(resolve)
            if property?["readOnly"]?.bool == true || property?["writeOnly"]?.bool == true { continue }
            return fail("the required property '\(name)' is missing")
        }
        for (key, child) in value.mapping ?? [] {
            guard let name = key.scalar else { continue }
            let childPath = path.isEmpty ? name : "\(path).\(name)"
            if let propertySchema = properties?[name] {
                if let found = mismatch(child, propertySchema, path: childPath, depth: depth + 1, textual: textual) { return found }
            } else if schema["additionalProperties"]?.bool == false, !["allOf", "anyOf", "oneOf"].contains(where: { schema[$0] != nil }) {
                return Mismatch(message: "'\(name)' is not a declared property and additionalProperties is false", location: key.location)
            } else if let additional = schema["additionalProperties"], additional.mapping != nil {
                if let found = mismatch(child, additional, path: childPath, depth: depth + 1, textual: textual) { return found }
            }
        }
        return nil
    }
}

extension Double {
    /// `3` rather than `3.0` in messages.
    fileprivate var clean: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
