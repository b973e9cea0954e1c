import Foundation

extension Linter {
    /// The component kinds whose unused entries are reported.
    private static let componentKinds = ["schemas", "parameters", "responses", "requestBodies", "headers"]
    private static let componentNouns = [
        "schemas": "schema", "parameters": "parameter", "responses": "response", "requestBodies": "request body", "headers": "header",
    ]

    func checkTags() {
        let declared = root["tags"]?.sequence ?? []
        let declaredNames = Set(declared.compactMap { $0["name"]?.scalar })
        var reported: Set<String> = []
        for (name, location) in usedTags where !declaredNames.contains(name) && reported.insert(name).inserted {
            var message = "tag '\(name)' is not declared in the top-level 'tags'"
            if let near = nearestName(to: name, in: declaredNames.sorted()) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; add '- name: \(name)' there"
            }
            report(.undeclaredTag, message, at: location)
        }
        let used = Set(usedTags.map(\.name))
        for tag in declared {
            guard let nameNode = tag["name"], let name = nameNode.scalar, !used.contains(name) else { continue }
            report(.unusedTag, "tag '\(name)' is declared but no operation uses it; tag an operation with it or remove it", at: nameNode.location)
        }
    }

    /// Components that nothing reachable from the paths, webhooks or the document's other parts references.
    /// A document without paths or webhooks is a library of components, and is not checked.
    func checkUnusedComponents() {
        guard let components = root["components"], root["paths"]?.mapping?.isEmpty == false || root["webhooks"] != nil else { return }
        var used: Set<String> = []
        var pending: [YAMLNode] = (root.mapping ?? []).filter { $0.key.scalar != "components" }.map(\.value)
        // Security schemes, examples and the like are not reported, but what they reference counts as used.
        for (kind, node) in components.mapping ?? [] where !Self.componentKinds.contains(kind.scalar ?? "") { pending.append(node) }
        while let node = pending.popLast() {
            collectRefs(node, depth: 0) { ref in
                guard used.insert(ref).inserted, let target = Self.pointer(ref, in: root) else { return }
                pending.append(target)
            }
        }
        for kind in Self.componentKinds {
            for (nameKey, _) in components[kind]?.mapping ?? [] {
                guard let name = nameKey.scalar, !used.contains("#/components/\(kind)/\(Self.escaped(name))") else { continue }
                report(
                    .unusedComponent,
                    "component \(Self.componentNouns[kind] ?? kind) '\(name)' is never referenced; reference it with $ref or remove it",
                    at: nameKey.location)
            }
        }
    }

    /// Calls `found` with each `$ref` under `node` cut to its component (`#/components/schemas/A/properties/b` ->
    /// `#/components/schemas/A`), and with each discriminator mapping target.
    private func collectRefs(_ node: YAMLNode, depth: Int, _ found: (String) -> Void) {
        guard depth < 200 else { return }
        switch node.content {
        case .scalar: return
        case .sequence(let items): for item in items { collectRefs(item, depth: depth + 1, found) }
        case .mapping(let pairs):
            for (key, value) in pairs {
                if key.scalar == "$ref", let ref = value.scalar {
                    found(Self.componentPrefix(of: ref))
                } else if key.scalar == "mapping", let targets = value.mapping {
                    for (_, target) in targets {
                        guard let text = target.scalar else { continue }
                        found(Self.componentPrefix(of: text.hasPrefix("#") ? text : "#/components/schemas/\(Self.escaped(text))"))
                    }
                } else {
                    collectRefs(value, depth: depth + 1, found)
                }
            }
        }
    }

    private static func componentPrefix(of ref: String) -> String {
        let ref = ref.utf8.contains(UInt8(ascii: "%")) ? ref.removingPercentEncoding ?? ref : ref
        guard ref.hasPrefix("#/components/") else { return ref }
        // Up to the fourth '/': "#/components/<kind>/<name>".
        var slashes = 0
        for index in ref.utf8.indices where ref.utf8[index] == UInt8(ascii: "/") {
            slashes += 1
            if slashes == 4 { return String(ref[..<index]) }
        }
        return ref
    }

    private static func escaped(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
