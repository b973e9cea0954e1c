import Foundation

/// A position in a source file, 1-based, as compilers and editors print it.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One node of a YAML document with the place it was written. Aliases share the node they name, so a
/// document full of aliases costs no more memory than its text.
public final class YAMLNode: Sendable {
    public enum ScalarStyle: Sendable, Equatable {
        /// Unquoted: `true`, `12`, `null` and `~` keep their YAML meaning.
        case plain
        /// Quoted or block scalar: always a string.
        case quoted
    }

    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public let content: Content
    public let location: SourceLocation
    /// How many nodes this one stands for once aliases are expanded; bounds work on alias bombs.
    public let expandedSize: Int
    /// How many collections deep this node reaches once aliases are expanded (0 for a scalar); bounds recursion.
    public let depth: Int
    /// For a large mapping (a spec's `paths` or `components/schemas`, thousands of keys): the position of each
    /// string key's first pair, so a look-up (every `$ref` makes several) is not a walk through all of them.
    let keyIndex: [String: Int]?

    public init(_ content: Content, location: SourceLocation) {
        self.content = content
        self.location = location
        switch content {
        case .scalar:
            expandedSize = 1
            depth = 0
            keyIndex = nil
        case .sequence(let items):
            expandedSize = items.reduce(1) { $0 &+ $1.expandedSize }
            depth = 1 + items.reduce(0) { max($0, $1.depth) }
            keyIndex = nil
        case .mapping(let pairs):
            expandedSize = pairs.reduce(1) { $0 &+ $1.key.expandedSize &+ $1.value.expandedSize }
            depth = 1 + pairs.reduce(0) { max($0, $1.key.depth, $1.value.depth) }
            if pairs.count >= 16 {
                var index: [String: Int] = [:]
                index.reserveCapacity(pairs.count)
                for (position, pair) in pairs.enumerated() {
                    if let key = pair.key.scalar, index[key] == nil { index[key] = position }
                }
                keyIndex = index
            } else {
                keyIndex = nil
            }
        }
    }
}

extension YAMLNode {
    /// The text of a scalar node, whatever its style.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    public var isPlainScalar: Bool {
        if case .scalar(_, .plain) = content { return true }
        return false
    }

    /// A plain `null`, `~`, `Null`, `NULL` or empty scalar.
    public var isNull: Bool {
        guard case .scalar(let text, .plain) = content else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// A plain boolean scalar (YAML 1.2 core schema).
    public var bool: Bool? {
        guard case .scalar(let text, .plain) = content else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value for a string key of a mapping node.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        if let keyIndex { return keyIndex[key].map { pairs[$0].value } }
        return pairs.first { $0.key.scalar == key }?.value
    }

    /// The name of the node's kind, for messages.
    public var kindName: String {
        switch content {
        case .scalar: "scalar"
        case .sequence: "sequence"
        case .mapping: "mapping"
        }
    }
}

extension YAMLNode {
    /// The node a local JSON pointer (`#/components/schemas/A~1B`, RFC 6901 with `~1` and `~0`, percent-decoded)
    /// names below this one, or nil when it names nothing (or is not local).
    public func node(atPointer ref: String) -> YAMLNode? {
        guard ref.hasPrefix("#") else { return nil }
        var node: YAMLNode? = self
        for raw in ref.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            var part = String(raw)
            if part.utf8.contains(UInt8(ascii: "%")) { part = part.removingPercentEncoding ?? part }
            if part.utf8.contains(UInt8(ascii: "~")) {
                part = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            if let items = node?.sequence {
                guard let index = Int(part), items.indices.contains(index) else { return nil }
                node = items[index]
            } else {
                node = node?[part]
            }
        }
        return node
    }
}
