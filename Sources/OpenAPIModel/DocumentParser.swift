import Foundation

/// Reads a YAML tree into a `Document`, reporting every problem it finds with the place it was written.
/// It keeps going after an error so that one run lists them all; the result is `nil` only when the text is not
/// a YAML mapping at all.
public enum OpenAPIParser {
    /// - Parameter lint: also run every lint rule over the document (`Linter`); the generator does, the
    ///   TypeScript emitter and the diff leave it to the build. Rules the spec disables are silenced either way.
    public static func parse(_ text: String, diagnostics: DiagnosticCollector, lint: Bool = false) -> Document? {
        tree(text, diagnostics: diagnostics).flatMap { parse(root: $0, diagnostics: diagnostics, lint: lint) }
    }

    /// The YAML tree of `text`, or nil with an error when it is not YAML or empty (for callers that use the tree
    /// again: the generator writes it as JSON too).
    public static func tree(_ text: String, diagnostics: DiagnosticCollector) -> YAMLNode? {
        do {
            guard let node = try YAMLParser.parse(text) else {
                diagnostics.error("the document is empty; expected an OpenAPI 3.0 or 3.1 mapping", at: .init(line: 1, column: 1))
                return nil
            }
            return node
        } catch {
            diagnostics.error(error.message, at: error.location)
            return nil
        }
    }

    /// The document `root` holds; nil when it is not a mapping.
    public static func parse(root: YAMLNode, diagnostics: DiagnosticCollector, lint: Bool = false) -> Document? {
        guard root.mapping != nil else {
            diagnostics.error("expected a mapping at the top of the document, found a \(root.kindName)", at: root.location)
            return nil
        }
        let document = DocumentReader(root: root, diagnostics: diagnostics).read()
        let linted = LintResult(root: root, runningRules: lint)
        linted.merge(into: diagnostics)
        return document
    }

    /// `parse(root:diagnostics:lint: true)` in two halves that may run at the same time on different threads:
    /// the model, read with `lint: false` into one collector (`read`), and this, the lint rules and the spec's lint
    /// setting, which touches only the tree. `LintResult.merge(into:)` then gives the same diagnostics as one call.
    public static func lint(root: YAMLNode) -> LintResult {
        LintResult(root: root, runningRules: true)
    }

    /// The model alone: no lint rule runs and no setting is applied (see `lint(root:)`).
    public static func read(root: YAMLNode, diagnostics: DiagnosticCollector) -> Document? {
        guard root.mapping != nil else {
            diagnostics.error("expected a mapping at the top of the document, found a \(root.kindName)", at: root.location)
            return nil
        }
        return DocumentReader(root: root, diagnostics: diagnostics).read()
    }
}

/// The lint rules' findings over one tree, and the spec's `x-openapi-gen-lint` setting (with its own findings).
public final class LintResult: @unchecked Sendable {  // immutable once built; handed from the thread that built it
    let findings = DiagnosticCollector()
    let configuration: LintConfiguration
    /// Whether the tree was a mapping (nothing is reported about one that is not: the reader says so).
    let applies: Bool

    init(root: YAMLNode, runningRules: Bool) {
        applies = root.mapping != nil
        if applies && runningRules { Linter(root: root, diagnostics: findings).run() }
        configuration = applies ? LintConfiguration(root: root, diagnostics: findings) : LintConfiguration()
    }

    /// Appends the findings to `diagnostics` (after what the reader found), then removes the findings of the rules
    /// the spec disables from all of them.
    public func merge(into diagnostics: DiagnosticCollector) {
        guard applies else { return }
        for diagnostic in findings.diagnostics { diagnostics.append(diagnostic) }
        configuration.apply(to: diagnostics)
    }
}

/// The state of one parse: the root for `$ref` look-ups, and the references being followed (to catch cycles).
final class DocumentReader {
    let root: YAMLNode
    let diagnostics: DiagnosticCollector
    var is31 = true
    var componentSchemaNames: [String] = []
    /// The same names as a set, for the look-up at every schema `$ref`.
    var componentSchemaNameSet: Set<String> = []
    var pointerStack: [String] = []
    /// How many `schema(_:)` calls are open; a `$ref` read in place may not take it past `maximumSchemaDepth`.
    var schemaDepth = 0
    /// Schemas behind `$ref`s outside `#/components/schemas` are read again at every use. All such reads together
    /// may cover `inPlaceLimit` nodes, as many as the document has (or YAML's alias limit): refs that fan out
    /// at every level would otherwise take exponential time.
    let inPlaceLimit: Int
    var inPlaceNodes = 0

    /// Names that "did you mean" may still compare a misspelt name with: every unresolved `$ref` is compared with
    /// every component name, so thousands of both would take minutes. Later misspellings get no suggestion.
    var suggestionBudget = 100_000

    /// Through `$ref`s, schemas may nest as deep as YAML lets them nest in the text.
    static let maximumSchemaDepth = YAMLParser.maximumDepth

    init(root: YAMLNode, diagnostics: DiagnosticCollector) {
        self.root = root
        self.diagnostics = diagnostics
        inPlaceLimit = max(YAMLParser.minimumExpansionLimit, root.expandedSize)
    }

    func read() -> Document? {
        let version = string(root["openapi"], "openapi") ?? ""
        if root["openapi"] == nil {
            let message =
                root["swagger"] != nil
                ? "Swagger 2.0 documents are not supported; convert the document to OpenAPI 3.0 or 3.1"
                : "missing 'openapi' version field; expected 3.0.x or 3.1.x"
            diagnostics.error(message, at: root.location)
        } else if version.hasPrefix("3.0") {
            is31 = false
        } else if !version.hasPrefix("3.1") {
            diagnostics.error("OpenAPI version '\(version)' is not supported; expected 3.0.x or 3.1.x", at: root["openapi"]!.location)
        }
        let info = root["info"]
        let components = root["components"]
        componentSchemaNames = components?["schemas"]?.mapping?.compactMap { $0.key.scalar } ?? []
        componentSchemaNameSet = Set(componentSchemaNames)

        var schemas: [(name: String, schema: Schema)] = []
        for (key, value) in components?["schemas"]?.mapping ?? [] {
            guard let name = key.scalar else { continue }
            pointerStack = ["#/components/schemas/\(name)"]
            schemas.append((name, schema(value)))
        }
        pointerStack = []
        let schemes = securitySchemes(components?["securitySchemes"])
        let globalSecurity = securityRequirements(root["security"], schemes: schemes) ?? []
        var document = Document(
            openapi: version,
            title: string(info?["title"], "title") ?? "API",
            version: string(info?["version"], "version") ?? "",
            description: info?["description"]?.scalar,
            schemas: schemas,
            operations: operations(globalSecurity: globalSecurity, schemes: schemes),
            securitySchemes: schemes,
            security: globalSecurity
        )
        document.pathsLocation = root.mapping?.first { $0.key.scalar == "paths" }?.key.location ?? root.location
        document.tags = root["tags"]?.sequence?.compactMap { tag in tag["name"]?.scalar.map { ($0, tag["description"]?.scalar) } } ?? []
        document.servers = root["servers"]?.sequence?.compactMap { $0["url"]?.scalar } ?? []
        return document
    }

    // MARK: Scalars

    func string(_ node: YAMLNode?, _ field: String) -> String? {
        guard let node else { return nil }
        guard let text = node.scalar else {
            diagnostics.error("'\(field)' must be a string, found a \(node.kindName)", at: node.location)
            return nil
        }
        return text
    }

    func bool(_ node: YAMLNode?, _ field: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            diagnostics.error("'\(field)' must be true or false", at: node.location)
            return nil
        }
        return value
    }

    func int(_ node: YAMLNode?, _ field: String) -> Int? {
        guard let node else { return nil }
        guard node.isPlainScalar, let text = node.scalar, let value = Int(text), value >= 0 else {
            diagnostics.error("'\(field)' must be a non-negative integer", at: node.location)
            return nil
        }
        return value
    }

    func number(_ node: YAMLNode?, _ field: String) -> SpecNumber? {
        guard let node else { return nil }
        guard node.isPlainScalar, let text = node.scalar, Double(text) != nil || Int64(text) != nil else {
            diagnostics.error("'\(field)' must be a number", at: node.location)
            return nil
        }
        return SpecNumber(text)
    }

    func value(_ node: YAMLNode) -> SpecValue {
        switch node.content {
        case .scalar(let text, .plain):
            if node.isNull { return .null }
            if let bool = node.bool { return .bool(bool) }
            if Int64(text) != nil || (Double(text) != nil && text.allSatisfy({ "0123456789+-.eE".contains($0) })) {
                return .number(SpecNumber(text))
            }
            if text.allSatisfy(\.isNumber) { return .number(SpecNumber(text)) }
            return .string(text)
        case .scalar(let text, .quoted):
            return .string(text)
        case .sequence(let items):
            return .array(items.map(value))
        case .mapping(let pairs):
            var object: [String: SpecValue] = [:]
            for pair in pairs { object[pair.key.scalar ?? ""] = value(pair.value) }
            return .object(object)
        }
    }

    // MARK: References

    /// Follows a JSON pointer (`#/a/b~1c`) from the document root.
    func resolvePointer(_ ref: String) -> YAMLNode? {
        root.node(atPointer: ref)
    }

    /// `nearestName(to:in:)` while `suggestionBudget` lasts.
    func suggestion(for word: String, in names: [String]) -> String? {
        guard suggestionBudget >= names.count else { return nil }
        suggestionBudget -= names.count
        return nearestName(to: word, in: names)
    }

    /// Resolves a `$ref` to a component of `kind` (parameters, responses, ...), following chains; nil after reporting.
    func resolved(_ node: YAMLNode, kind: String) -> YAMLNode? {
        var current = node
        var seen: Set<String> = []
        while let refNode = current["$ref"] {
            guard let ref = refNode.scalar else {
                diagnostics.error("'$ref' must be a string", at: refNode.location)
                return nil
            }
            guard ref.hasPrefix("#") else {
                diagnostics.error("external $ref '\(ref)' is not supported; only references within the document (#/...) are", at: refNode.location)
                return nil
            }
            guard seen.insert(ref).inserted else {
                diagnostics.error("reference cycle through '\(ref)'", at: refNode.location)
                return nil
            }
            guard let target = resolvePointer(ref) else {
                let prefix = "#/components/\(kind)/"
                let names = root["components"]?[kind]?.mapping?.compactMap { $0.key.scalar } ?? []
                var message = "$ref '\(ref)' does not resolve"
                if ref.hasPrefix(prefix), let near = suggestion(for: String(ref.dropFirst(prefix.count)), in: names) {
                    message += "; did you mean '\(prefix)\(near)'?"
                }
                diagnostics.error(message, at: refNode.location)
                return nil
            }
            current = target
        }
        return current
    }
}
