/// The JSON type of a value written in YAML, the way a JSON parser would read it.
enum JSONKind: String {
    case null, boolean, integer, number, string, array, object

    init(_ node: YAMLNode) {
        switch node.content {
        case .mapping: self = .object
        case .sequence: self = .array
        case .scalar(let text, .plain):
            if node.isNull {
                self = .null
            } else if node.bool != nil {
                self = .boolean
            } else if Int64(text) != nil {
                self = .integer
            } else if Self.isNumber(text) {
                self = Double(text).map { $0 == $0.rounded() && abs($0) < 1e15 } == true ? .integer : .number
            } else {
                self = .string
            }
        case .scalar(_, .quoted): self = .string
        }
    }

    private static func isNumber(_ text: String) -> Bool {
        Double(text) != nil && text.allSatisfy { "0123456789+-.eE".contains($0) }
    }

    /// Whether a value of this kind is valid for JSON Schema `type`.
    func matches(_ type: String) -> Bool {
        type == rawValue || (type == "number" && self == .integer)
    }

    var article: String { self == .integer || self == .array || self == .object ? "an" : "a" }

    /// The value as the message quotes it: strings in quotes, other scalars verbatim, collections by kind.
    static func quoted(_ node: YAMLNode) -> String {
        guard let text = node.scalar else { return node.kindName == "sequence" ? "[...]" : "{...}" }
        let short = text.count > 40 ? text.prefix(37) + "..." : Substring(text)
        return JSONKind(node) == .string ? "'\(short)'" : String(short)
    }
}

/// A value's identity for spotting repeats: `1`, `1.0` and `'1'` are three JSON values, `1` twice is one.
struct JSONKey: Hashable {
    let kind: JSONKind
    let text: String

    init(_ node: YAMLNode) {
        kind = JSONKind(node)
        switch node.content {
        case .scalar(let text, _): self.text = kind == .number ? (Double(text).map { "\($0)" } ?? text) : text
        case .sequence(let items): text = "[" + items.map { JSONKey($0).description }.joined(separator: ",") + "]"
        case .mapping(let pairs):
            text = "{" + pairs.map { "\($0.key.scalar ?? ""):\(JSONKey($0.value).description)" }.sorted().joined(separator: ",") + "}"
        }
    }

    var description: String { "\(kind.rawValue):\(text)" }
}
