extension DocumentComparer {
    /// A raised lower bound or a lowered upper bound accepts less; so does a bound that appears.
    func compareBounds(_ pair: SchemaPair) {
        for keyword in FlatSchema.lowerBounds + FlatSchema.upperBounds {
            let before = pair.old.bounds[keyword]
            let after = pair.new.bounds[keyword]
            let isLower = FlatSchema.lowerBounds.contains(keyword)
            switch (before, after) {
            case (nil, let bound?): report(pair, narrowed: true, "\(keyword) \(bound) added", keyword: keyword)
            case (let bound?, nil): report(pair, narrowed: false, "\(keyword) \(bound) removed", keyword: keyword)
            case (let before?, let after?):
                guard let order = Self.order(before, after), order != 0 else { continue }
                let raised = order < 0
                report(pair, narrowed: raised == isLower, "\(keyword) \(raised ? "raised" : "lowered") from \(before) to \(after)", keyword: keyword)
            default: break
            }
        }
        switch (pair.old.multipleOf, pair.new.multipleOf) {
        case (nil, let step?): report(pair, narrowed: true, "multipleOf \(step) added", keyword: "multipleOf")
        case (let step?, nil): report(pair, narrowed: false, "multipleOf \(step) removed", keyword: "multipleOf")
        case (let before?, let after?) where Self.order(before, after) != 0:
            // Every multiple of the old step is one of the new step when the new one divides it.
            let divides = before.double.flatMap { old in after.double.map { new in new != 0 && (old / new).rounded() == old / new } } ?? false
            report(pair, narrowed: !divides, "multipleOf changed from \(before) to \(after)", keyword: "multipleOf")
        default: break
        }
    }

    /// -1, 0 or 1 as `a` is below, equal to or above `b`; nil when either is not a number.
    static func order(_ a: SpecNumber, _ b: SpecNumber) -> Int? {
        if let x = a.int64, let y = b.int64 { return x < y ? -1 : (x == y ? 0 : 1) }
        guard let x = a.double, let y = b.double else { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    /// Members by name. Read-only members are not sent, write-only ones not answered: each side skips those.
    func compareProperties(_ pair: SchemaPair, subject: String, pointer: String) {
        let old = pair.old
        let new = pair.new
        let direction = pair.direction
        if old.properties.isEmpty && new.properties.isEmpty && old.required == new.required { return }
        let skipped = { (schema: Schema, components: [String: Schema]) -> Bool in
            guard let resolved = Self.resolve(schema, in: components)?.schema else { return false }
            return direction == .request ? resolved.readOnly : resolved.writeOnly
        }
        let parents = (old: old.location(of: "properties"), new: new.location(of: "properties"))
        for (name, schema) in old.properties where !skipped(schema, oldSchemas) {
            let wasRequired = old.required.contains(name)
            guard let match = new.properties.first(where: { $0.name == name }), !skipped(match.schema, newSchemas) else {
                report(.breaking, pair.subject, "property '\(name)' removed", old: schema.location, new: parents.new)
                continue
            }
            let isRequired = new.required.contains(name)
            if wasRequired != isRequired {
                // A request member that must now be sent breaks; an answer member that may now be missing breaks.
                let breaks = direction == .request ? isRequired : !isRequired
                report(
                    breaks ? .breaking : .additive, pair.subject, "property '\(name)' became \(isRequired ? "required" : "optional")",
                    old: old.location(of: "required"), new: new.location(of: "required"))
            }
            compare(schema, match.schema, direction, subject: subject, pointer: pointer + "." + name)
        }
        for (name, schema) in new.properties where !old.properties.contains(where: { $0.name == name }) && !skipped(schema, newSchemas) {
            let required = new.required.contains(name)
            let breaks = direction == .request && required
            report(
                breaks ? .breaking : .additive, pair.subject, "new \(required ? "required" : "optional") property '\(name)'",
                old: parents.old, new: schema.location)
        }
        switch (old.additionalProperties, new.additionalProperties) {
        case (.forbidden, .forbidden), (.allowed, .allowed): break
        case (_, .forbidden): report(pair, narrowed: true, "other properties no longer allowed", keyword: "additionalProperties")
        case (.forbidden, _): report(pair, narrowed: false, "other properties now allowed", keyword: "additionalProperties")
        case (.schema(let before), .schema(let after)): compare(before, after, direction, subject: subject, pointer: pointer + ".*")
        default: break
        }
    }

    /// `oneOf`/`anyOf` alternatives by position: a request that loses one, or an answer that gains one, breaks.
    func compareAlternatives(_ pair: SchemaPair, subject: String, pointer: String) {
        let before = pair.old.alternatives
        let after = pair.new.alternatives
        if before.count != after.count {
            let keyword = after.isEmpty ? pair.old.alternativesKeyword : pair.new.alternativesKeyword
            // Alternatives where there were none constrain; none where there were some free.
            let narrowed = before.isEmpty || (!after.isEmpty && after.count < before.count)
            report(pair, narrowed: narrowed, "\(keyword) alternatives went from \(before.count) to \(after.count)", keyword: keyword)
        }
        for (index, (old, new)) in zip(before, after).enumerated() {
            compare(old, new, pair.direction, subject: subject, pointer: pointer + "<\(pair.new.alternativesKeyword)[\(index)]>")
        }
    }
}
