import Foundation

/// Checks a spec's YAML tree for the mistakes people make in specs (see `LintRule.all`), each reported where it
/// was written with the fix to apply. It walks the tree rather than the `Document` because most mistakes
/// (a misspelt key, a `$ref` sibling, an unquoted status) leave no trace in the typed model.
final class Linter {
    let root: YAMLNode
    let is31: Bool
    let diagnostics: DiagnosticCollector
    /// Schema nodes already checked: an alias or a shared node is checked once.
    var visitedSchemas: Set<ObjectIdentifier> = []
    /// Tags operations use, with where each was first used.
    var usedTags: [(name: String, location: SourceLocation)] = []

    init(root: YAMLNode, diagnostics: DiagnosticCollector) {
        self.root = root
        self.is31 = !(root["openapi"]?.scalar ?? "3.1").hasPrefix("3.0")
        self.diagnostics = diagnostics
    }

    func report(_ rule: LintRule, _ message: String, at location: SourceLocation) {
        diagnostics.report(rule, message, at: location)
    }

    func run() {
        checkKeywords(root, .document)
        checkInfo()
        for server in root["servers"]?.sequence ?? [] { checkServer(server) }
        for (pathKey, item) in root["paths"]?.mapping ?? [] { checkPathItem(item, path: pathKey.scalar ?? "") }
        for (nameKey, item) in root["webhooks"]?.mapping ?? [] { checkPathItem(item, path: "webhook '\(nameKey.scalar ?? "")'") }
        checkComponents()
        checkTags()
        checkUnusedComponents()
    }

    private func checkInfo() {
        guard let info = root["info"] else {
            let at = root.location
            report(.infoTitle, "the document has no 'info'; add 'info: {title: ..., version: ...}'", at: at)
            return
        }
        checkKeywords(info, .info)
        let at = root.mapping?.first { $0.key.scalar == "info" }?.key.location ?? info.location
        if info["title"]?.scalar?.isEmpty ?? true { report(.infoTitle, "'info' has no 'title'; add 'title: <the API's name>'", at: at) }
        if info["version"]?.scalar?.isEmpty ?? true {
            report(.infoVersion, "'info' has no 'version'; add 'version: 1.0.0' (the API's version, quoted if it looks like a number)", at: at)
        }
    }

    private func checkServer(_ server: YAMLNode) {
        checkKeywords(server, .server)
        guard let urlNode = server["url"], let url = urlNode.scalar, url.count > 1, url.hasSuffix("/") else { return }
        report(
            .serverTrailingSlash,
            "server url '\(url)' ends with '/', so every path ('/tasks') would follow a double slash; write 'url: \(url.dropLast())'",
            at: urlNode.location)
    }

    private func checkComponents() {
        guard let components = root["components"] else { return }
        checkKeywords(components, .components)
        for (_, schema) in components["schemas"]?.mapping ?? [] { checkSchema(schema) }
        for (_, parameter) in components["parameters"]?.mapping ?? [] { checkParameter(parameter) }
        for (_, response) in components["responses"]?.mapping ?? [] { checkResponse(response) }
        for (_, body) in components["requestBodies"]?.mapping ?? [] { checkRequestBody(body) }
        for (_, header) in components["headers"]?.mapping ?? [] { checkHeader(header) }
        for (_, example) in components["examples"]?.mapping ?? [] where example["$ref"] == nil { checkKeywords(example, .example) }
    }

    /// Follows local `$ref`s (at most a few hops) to the node they name.
    func resolve(_ node: YAMLNode) -> YAMLNode? {
        var current = node
        for _ in 0..<8 {
            guard let ref = current["$ref"]?.scalar else { return current }
            guard let target = Self.pointer(ref, in: root) else { return nil }
            current = target
        }
        return nil
    }

    static func pointer(_ ref: String, in root: YAMLNode) -> YAMLNode? {
        root.node(atPointer: ref)
    }

    /// The location of `key`'s key in `node`, for findings about a whole entry.
    static func keyLocation(_ key: String, in node: YAMLNode) -> SourceLocation? {
        node.mapping?.first { $0.key.scalar == key }?.key.location
    }
}
