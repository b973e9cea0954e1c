extension DocumentComparer {
    /// Follows `$ref`s to the component schema (chains included); nil for a dangling or circular chain.
    static func resolve(_ schema: Schema, in components: [String: Schema]) -> (schema: Schema, component: String?)? {
        var current = schema
        var component: String?
        var seen: Set<String> = []
        while let name = current.ref {
            guard seen.insert(name).inserted, let target = components[name] else { return nil }
            current = target
            component = name
        }
        return (current, component)
    }

    /// Compares what the two schemas allow; `pointer` is where in the body they sit (`[].title`, shown as the
    /// JSONPath `$[].title`), for messages.
    func compare(_ oldSchema: Schema, _ newSchema: Schema, _ direction: Direction, subject: String, pointer: String) {
        guard let before = Self.resolve(oldSchema, in: oldSchemas), let after = Self.resolve(newSchema, in: newSchemas) else { return }
        if before.component != nil || after.component != nil {
            // A pair of components is compared once per direction, where first met: this ends recursion and
            // reports a shared component once, at the place it is written.
            let key = "\(direction) \(before.component ?? "\(before.schema.location)") \(after.component ?? "\(after.schema.location)")"
            guard comparedComponents.insert(key).inserted else { return }
        }
        let old = FlatSchema(before.schema) { Self.resolve($0, in: self.oldSchemas)?.schema }
        let new = FlatSchema(after.schema) { Self.resolve($0, in: self.newSchemas)?.schema }
        let label = pointer.isEmpty ? subject : "\(subject) $\(pointer)"
        let context = SchemaPair(old: old, new: new, direction: direction, subject: label)
        guard compareTypes(context) else { return }
        compareValues(context)
        compareBounds(context)
        compareProperties(context, subject: subject, pointer: pointer)
        if let oldItems = old.items, let newItems = new.items {
            compare(oldItems, newItems, direction, subject: subject, pointer: pointer + "[]")
        }
        compareAlternatives(context, subject: subject, pointer: pointer)
    }

    struct SchemaPair {
        var old: FlatSchema
        var new: FlatSchema
        var direction: Direction
        /// The place in the API with the pointer: `GET /x response 200 [].title`.
        var subject: String
    }

    func report(_ pair: SchemaPair, narrowed: Bool, _ change: String, keyword: String) {
        report(
            pair.direction.kind(narrowed: narrowed), pair.subject, change, old: pair.old.location(of: keyword), new: pair.new.location(of: keyword))
    }

    func reportAlways(_ pair: SchemaPair, _ change: String, keyword: String) {
        report(.breaking, pair.subject, change, old: pair.old.location(of: keyword), new: pair.new.location(of: keyword))
    }

    /// False when the types have nothing in common, so comparing their members would only add noise.
    func compareTypes(_ pair: SchemaPair) -> Bool {
        let before = Set(pair.old.types)
        let after = Set(pair.new.types)
        if before != after {
            let widened = Self.accepts(after, everything: before)
            let narrowed = Self.accepts(before, everything: after)
            let change = "\(Self.describe(pair.old.types)) -> \(Self.describe(pair.new.types))"
            guard widened || narrowed else {
                reportAlways(pair, "type changed: \(change)", keyword: "type")
                return false
            }
            report(pair, narrowed: narrowed, "type \(narrowed ? "narrowed" : "widened"): \(change)", keyword: "type")
        }
        if pair.old.nullable != pair.new.nullable {
            report(pair, narrowed: pair.old.nullable, pair.old.nullable ? "no longer nullable" : "became nullable", keyword: "type")
        }
        return true
    }

    /// Whether a schema of types `types` accepts every value of `others` (no types means any value).
    static func accepts(_ types: Set<String>, everything others: Set<String>) -> Bool {
        if types.isEmpty { return true }
        if others.isEmpty { return false }
        return others.allSatisfy { types.contains($0) || ($0 == "integer" && types.contains("number")) }
    }

    static func describe(_ types: [String]) -> String { types.isEmpty ? "any" : types.joined(separator: "|") }

    func compareValues(_ pair: SchemaPair) {
        let old = pair.old
        let new = pair.new
        switch (old.format, new.format) {
        case (nil, let format?): report(pair, narrowed: true, "format '\(format)' added", keyword: "format")
        case (let format?, nil): report(pair, narrowed: false, "format '\(format)' removed", keyword: "format")
        case (let before?, let after?) where before != after:
            reportAlways(pair, "format changed from '\(before)' to '\(after)'", keyword: "format")
        default: break
        }
        compareEnums(pair)
        switch (old.pattern, new.pattern) {
        case (nil, let pattern?): report(pair, narrowed: true, "pattern '\(pattern)' added", keyword: "pattern")
        case (let pattern?, nil): report(pair, narrowed: false, "pattern '\(pattern)' removed", keyword: "pattern")
        case (let before?, let after?) where before != after:
            reportAlways(pair, "pattern changed from '\(before)' to '\(after)'", keyword: "pattern")
        default: break
        }
        if old.uniqueItems != new.uniqueItems {
            report(
                pair, narrowed: new.uniqueItems, new.uniqueItems ? "items must now be unique" : "items no longer need be unique",
                keyword: "uniqueItems")
        }
    }

    /// A request enum that loses a value refuses what clients sent; a response enum that gains one sends what
    /// strict clients (generated enums, ours included) cannot decode: both break.
    func compareEnums(_ pair: SchemaPair) {
        let old = pair.old
        let new = pair.new
        let oldKeyword = old.enumKeyword
        let newKeyword = new.enumKeyword
        switch (old.enumValues, new.enumValues) {
        case (nil, let values?):
            report(
                pair.direction.kind(narrowed: true), pair.subject, "now limited to \(newKeyword) \(Self.render(values))",
                old: old.location, new: new.location(of: newKeyword))
        case (let values?, nil):
            report(
                pair.direction.kind(narrowed: false), pair.subject, "no longer limited to \(oldKeyword) \(Self.render(values))",
                old: old.location(of: oldKeyword), new: new.location)
        case (let before?, let after?):
            let removed = before.filter { !after.contains($0) }
            let added = after.filter { !before.contains($0) }
            let places = (old: old.location(of: oldKeyword), new: new.location(of: newKeyword))
            if !removed.isEmpty {
                report(
                    pair.direction.kind(narrowed: true), pair.subject, "enum value\(removed.count == 1 ? "" : "s") \(Self.render(removed)) removed",
                    old: places.old, new: places.new)
            }
            if !added.isEmpty {
                report(
                    pair.direction.kind(narrowed: false), pair.subject, "enum value\(added.count == 1 ? "" : "s") \(Self.render(added)) added",
                    old: places.old, new: places.new)
            }
        default: break
        }
    }

    static func render(_ values: [SpecValue]) -> String { "[" + values.map(render).joined(separator: ", ") + "]" }

    static func render(_ value: SpecValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let number): number.text
        case .string(let text): "'\(text)'"
        case .array(let items): render(items)
        case .object(let members): "{" + members.keys.sorted().map { "\($0): \(render(members[$0]!))" }.joined(separator: ", ") + "}"
        }
    }
}
