extension Linter {
    /// Well-known formats (OpenAPI's format registry and JSON Schema's) and the types they belong to.
    static let formatTypes: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for format in ["int32", "int64", "int8", "int16", "uint8", "uint16", "uint32", "uint64"] { table[format] = ["integer", "number"] }
        for format in ["float", "double", "decimal"] { table[format] = ["number"] }
        let strings = [
            "date", "date-time", "time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6", "uri",
            "uri-reference", "iri", "iri-reference", "uuid", "uri-template", "json-pointer", "relative-json-pointer", "regex",
            "byte", "binary", "password", "base64url", "char", "commonmark", "html", "media-range", "http-date", "sf-string",
        ]
        for format in strings { table[format] = ["string"] }
        return table
    }()

    func checkFormat(_ node: YAMLNode, types: [String]) {
        guard let formatNode = node["format"], let format = formatNode.scalar else { return }
        guard let allowed = Self.formatTypes[format] else {
            if let hint = TypeHint.replacement(for: format), hint.hasPrefix("type: "), hint.contains("format: ") {
                report(.unknownFormat, "'\(format)' is no well-known format, so no tool checks it; write '\(hint)'", at: formatNode.location)
            } else if let near = Self.nearestKeyword(to: format, in: Set(Self.formatTypes.keys)) {
                report(.unknownFormat, "'\(format)' is no well-known format, so no tool checks it; did you mean '\(near)'?", at: formatNode.location)
            }
            return
        }
        let concrete = types.filter { $0 != "null" }
        guard !concrete.isEmpty, !concrete.contains(where: allowed.contains) else { return }
        let owner = allowed.contains("integer") ? "integer" : allowed.sorted()[0]
        report(
            .formatTypeMismatch,
            "format '\(format)' is for \(owner == "integer" ? "integers" : owner + "s"), not \(concrete.joined(separator: " or ")); write 'type: \(owner), format: \(format)' or drop the format",
            at: formatNode.location)
    }
}
