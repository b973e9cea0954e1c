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
