import OpenAPIModel

/// The spec as JSON, for `/openapi.json` (the name FastAPI and most tools look for): the YAML tree converted
/// value by value, aliases expanded, mappings in their written order; plain `null`/`~`, booleans and numbers JSON
/// can write as they are keep their type, every other scalar is a string.
enum SpecJSON {
    static func render(_ text: String) -> String? {
        guard let root = try? YAMLParser.parse(text) else { return nil }
        return convert(root).json() + "\n"
    }

    static func convert(_ node: YAMLNode) -> DocsExample {
        switch node.content {
        case .mapping(let pairs): return .object(pairs.map { ($0.key.scalar ?? "", convert($0.value)) })
        case .sequence(let items): return .array(items.map(convert))
        case .scalar(let text, .quoted): return .value(.string(text))
        case .scalar(let text, .plain):
            if node.isNull { return .value(.null) }
            if let flag = node.bool { return .value(.bool(flag)) }
            return .value(isJSONNumber(text) ? .number(SpecNumber(text)) : .string(text))
        }
    }

    /// `-12`, `3.5`, `1e-3`: YAML numbers that are also JSON numbers; anything else (`.5`, `0x1F`, `.inf`) stays text.
    static func isJSONNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        let integer = rest.prefix { $0.isASCII && $0.isNumber }
        guard !integer.isEmpty, integer == "0" || integer.first != "0" else { return false }
        rest = rest.dropFirst(integer.count)
        if rest.first == "." {
            let fraction = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(1 + fraction.count)
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix { $0.isASCII && $0.isNumber }
            guard !exponent.isEmpty else { return false }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty
    }
}
