import CYAML

/// Reads YAML text into a `YAMLNode` tree with libyaml's event API, keeping a location for every node.
/// Anchors and aliases are resolved here, and so are `<<` merge keys, so later stages see plain mappings.
public enum YAMLParser {
    /// Aliases may expand a document to twice the nodes written in it, or to this many when that is more; beyond,
    /// it is refused (billion laughs), because every later stage walks each alias's expansion.
    public static let minimumExpansionLimit = 100_000
    /// Collections may nest this deep, aliases expanded: later stages recurse on the tree, and libyaml's scanner
    /// slows quadratically with the depth of flow collections.
    public static let maximumDepth = 128

    /// Parses the first document of `text`; `nil` for a stream with no document.
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(message: "libyaml could not allocate a parser", location: .init(line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(YAMLError) -> YAMLNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw error(of: parser) }
                defer { yaml_event_delete(&event) }
                if try builder.consume(event) { break }
            }
            return builder.root
        }
    }

    private static func error(of parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context) at \(location(parser.context_mark))"
        }
        return YAMLError(message: "YAML syntax error: \(message)", location: location(parser.problem_mark))
    }

    static func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

/// Turns the event stream into nodes; one open collection per frame.
private struct TreeBuilder {
    struct Frame {
        var isMapping: Bool
        var anchor: String?
        var location: SourceLocation
        var children: [YAMLNode] = []
    }

    var stack: [Frame] = []
    var anchors: [String: YAMLNode] = [:]
    var root: YAMLNode?
    var documentDone = false
    /// Nodes written in the text so far (aliases not counted).
    var written = 0

    /// Returns true when the first document is complete.
    mutating func consume(_ event: yaml_event_t) throws(YAMLError) -> Bool {
        let location = YAMLParser.location(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text =
                data.value.map { pointer in
                    String(decoding: UnsafeBufferPointer(start: pointer, count: Int(data.length)), as: UTF8.self)
                } ?? ""
            let plain = data.style == YAML_PLAIN_SCALAR_STYLE && data.tag == nil
            let node = YAMLNode(.scalar(text, plain ? .plain : .quoted), location: location)
            written += 1
            try add(node, anchor: name(data.anchor))
        case YAML_ALIAS_EVENT:
            let alias = name(event.data.alias.anchor) ?? ""
            guard let node = anchors[alias] else {
                throw YAMLError(message: "unknown alias '*\(alias)'", location: location)
            }
            try checkDepth(stack.count + node.depth, at: location)
            try add(node, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            try checkDepth(stack.count + 1, at: location)
            stack.append(Frame(isMapping: false, anchor: name(event.data.sequence_start.anchor), location: location))
        case YAML_MAPPING_START_EVENT:
            try checkDepth(stack.count + 1, at: location)
            stack.append(Frame(isMapping: true, anchor: name(event.data.mapping_start.anchor), location: location))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { break }
            written += 1
            let node =
                frame.isMapping
                ? YAMLNode(.mapping(try Self.pairs(frame.children)), location: frame.location)
                : YAMLNode(.sequence(frame.children), location: frame.location)
            try add(node, anchor: frame.anchor)
        case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
            return true
        default:
            break
        }
        return false
    }

    private func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Refuses a nesting `depth` before libyaml scans further into it.
    private func checkDepth(_ depth: Int, at location: SourceLocation) throws(YAMLError) {
        guard depth > YAMLParser.maximumDepth else { return }
        throw YAMLError(message: "collections nest more than \(YAMLParser.maximumDepth) levels deep", location: location)
    }

    private mutating func add(_ node: YAMLNode, anchor: String?) throws(YAMLError) {
        let limit = max(YAMLParser.minimumExpansionLimit, 2 * written)
        if node.expandedSize > limit {
            throw YAMLError(message: "document expands to more than \(limit) nodes through aliases", location: node.location)
        }
        if let anchor { anchors[anchor] = node }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }

    /// Pairs up a mapping's keys and values, applies `<<` merge keys (explicit keys win, then earlier merges),
    /// and rejects a key written twice.
    private static func pairs(_ children: [YAMLNode]) throws(YAMLError) -> [(key: YAMLNode, value: YAMLNode)] {
        var explicit: [(key: YAMLNode, value: YAMLNode)] = []
        var merged: [(key: YAMLNode, value: YAMLNode)] = []
        var seen: [String: SourceLocation] = [:]
        var index = 0
        while index + 1 < children.count {
            let key = children[index]
            let value = children[index + 1]
            index += 2
            if case .scalar("<<", .plain) = key.content {
                let sources: [YAMLNode]
                switch value.content {
                case .mapping: sources = [value]
                case .sequence(let items): sources = items
                case .scalar:
                    throw YAMLError(message: "a '<<' merge key needs a mapping or a sequence of mappings", location: value.location)
                }
                for source in sources {
                    guard let sourcePairs = source.mapping else {
                        throw YAMLError(message: "a '<<' merge key needs a mapping or a sequence of mappings", location: source.location)
                    }
                    merged.append(contentsOf: sourcePairs)
                }
                continue
            }
            if let text = key.scalar {
                if let first = seen[text] {
                    throw YAMLError(message: "duplicate key '\(text)' (first at line \(first.line))", location: key.location)
                }
                seen[text] = key.location
            }
            explicit.append((key, value))
        }
        for pair in merged {
            guard let text = pair.key.scalar, seen[text] == nil else { continue }
            seen[text] = pair.key.location
            explicit.append(pair)
        }
        return explicit
    }
}
