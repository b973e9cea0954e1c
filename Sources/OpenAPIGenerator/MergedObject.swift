import OpenAPIModel

/// The properties and required names of an object schema with its `allOf` members merged in. A property named
/// again replaces the earlier one where that one stood; members are added into one value, so a long `allOf` chain
/// costs its length, not its length cubed.
struct MergedObject {
    private(set) var properties: [(name: String, schema: Schema)] = []
    /// In order of first mention; a name repeated within one `required` list stays repeated, as written.
    private(set) var required: [String] = []
    private var positions: [String: Int] = [:]
    private var requiredNames: Set<String> = []

    mutating func add(_ schema: Schema) {
        for property in schema.properties {
            if let index = positions[property.name] {
                properties[index] = property
            } else {
                positions[property.name] = properties.count
                properties.append(property)
            }
        }
        let newlyRequired = schema.required.filter { !requiredNames.contains($0) }
        required.append(contentsOf: newlyRequired)
        requiredNames.formUnion(newlyRequired)
    }

    func declares(_ name: String) -> Bool { positions[name] != nil }

    func requires(_ name: String) -> Bool { requiredNames.contains(name) }
}

extension MergedObject {
    /// `schema` with its `allOf` members merged in (through `$ref`s), for readers of the model; `structDecl` merges
    /// through `Translator.merge`, which also reports what it cannot follow.
    init(merging schema: Schema, components: [String: Schema]) {
        self.init()
        for member in Self.allOfMembers(schema, components: components) { add(member) }
    }

    /// The schema and its `allOf` members, components followed, deepest first, so a merge lets the schema win.
    /// Each schema is listed once, so a cycle through `allOf` ends.
    static func allOfMembers(_ schema: Schema, components: [String: Schema]) -> [Schema] {
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(schema)]
        return allOfMembers(schema, components: components, seen: &seen)
    }

    private static func allOfMembers(_ schema: Schema, components: [String: Schema], seen: inout Set<ObjectIdentifier>) -> [Schema] {
        var members: [Schema] = []
        for member in schema.allOf {
            guard let target = member.ref.map({ components[$0] }) ?? member, seen.insert(ObjectIdentifier(target)).inserted else { continue }
            members += allOfMembers(target, components: components, seen: &seen)
        }
        return members + [schema]
    }
}
