import OpenAPIModel

extension Translator {
    /// Which side of the wire a type is being translated for. A required `readOnly` member is required in
    /// responses only (OpenAPI 3.0.3): optional in a request type, non-optional in a response type.
    enum Direction {
        case request, response
    }

    /// How a component is translated for requests.
    enum RequestVariant: Equatable {
        /// Requests and responses both carry it, and the two shapes differ: a second type, this name, for requests.
        case split(String)
        /// Only requests carry it: its one type is the request shape.
        case requestOnly
    }

    /// The components whose request shape differs from their response shape: those with a required `readOnly`
    /// member (in their own schema or an inline one, or merged from `allOf`), and those that refer to such a
    /// component, when a request carries them.
    func requestVariants() -> [String: RequestVariant] {
        let requests = reachable(
            from: document.operations.flatMap { operation in
                operation.parameters.map(\.schema) + (operation.requestBody?.contents.compactMap(\.schema) ?? [])
            })
        let responses = reachable(
            from: document.operations.flatMap { operation in
                operation.responses.flatMap { response in response.contents.compactMap(\.schema) + response.headers.map(\.schema) }
            })
        // Own required readOnly members, and the components each one refers to.
        var own: Set<String> = []
        var edges: [String: Set<String>] = [:]
        for (name, schema) in document.schemas where !aliasComponents.contains(name) {
            var targets: Set<String> = []
            if hasRequiredReadOnly(schema, refersTo: &targets) { own.insert(name) }
            edges[name] = targets
        }
        var differs = own
        var changed = true
        while changed {
            changed = false
            for (name, targets) in edges where !differs.contains(name) && !targets.isDisjoint(with: differs) {
                differs.insert(name)
                changed = true
            }
        }
        var used = componentTypeNameSet
        var variants: [String: RequestVariant] = [:]
        for (name, schema) in document.schemas where differs.contains(name) && requests.contains(ObjectIdentifier(schema)) {
            if responses.contains(ObjectIdentifier(schema)) {
                variants[name] = .split(Naming.unique(componentTypeNames[name]! + "Request", &used))
            } else {
                variants[name] = .requestOnly
            }
        }
        return variants
    }

    /// The type name a `$ref` to `component` has in the current direction.
    func typeName(ofComponent component: String) -> String? {
        if direction == .request, case .split(let name)? = requestVariantByComponent[component] { return name }
        return componentTypeNames[component]
    }

    /// Whether `schema` (its inline parts, `allOf` members and alias components followed) has a required readOnly
    /// member; the other components it refers to go into `refersTo`.
    private func hasRequiredReadOnly(_ schema: Schema, refersTo targets: inout Set<String>) -> Bool {
        var found = false
        var seen: Set<ObjectIdentifier> = []
        var stack = [schema]
        while let schema = stack.popLast() {
            guard seen.insert(ObjectIdentifier(schema)).inserted, seen.count < 100_000 else { continue }
            if let ref = schema.ref, let target = componentSchemas[ref] {
                if aliasComponents.contains(ref) { stack.append(target) } else { targets.insert(ref) }
                continue
            }
            // The members of this object with those merged from allOf (through references), as structDecl merges them.
            let merged = MergedObject(merging: schema, components: componentSchemas)
            for property in merged.properties {
                if property.schema.readOnly && merged.requires(property.name) { found = true }
                stack.append(property.schema)
            }
            stack += schema.oneOf + schema.anyOf
            if let items = schema.items { stack.append(items) }
            if case .schema(let values) = schema.additionalProperties { stack.append(values) }
        }
        return found
    }

    /// Every schema reachable from `roots` (through `$ref`s and nesting), by identity.
    func reachable(from roots: [Schema]) -> Set<ObjectIdentifier> {
        var reached: Set<ObjectIdentifier> = []
        var stack = roots
        while let schema = stack.popLast() {
            guard reached.insert(ObjectIdentifier(schema)).inserted else { continue }
            if let ref = schema.ref, let target = componentSchemas[ref] { stack.append(target) }
            stack += schema.properties.map(\.schema) + schema.allOf + schema.oneOf + schema.anyOf
            if let items = schema.items { stack.append(items) }
            if case .schema(let values) = schema.additionalProperties { stack.append(values) }
        }
        return reached
    }
}
