import OpenAPIModel

/// The API reference served at `/docs`: one self-contained HTML document (inline CSS and a few lines of inline
/// script, no external asset) rendered from the spec. A pure function of the document, like the Swift renderers.
struct DocsPageRenderer {
    let document: Document
    let components: [String: Schema]

    init(document: Document) {
        self.document = document
        components = Dictionary(document.schemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
    }

    static func render(_ document: Document) -> String {
        DocsPageRenderer(document: document).page()
    }

    /// Operations by tag: the spec's `tags` order first, then tags met only on operations, then untagged ones
    /// under "other". An operation is listed under its first tag only, so its anchor is unique.
    var groups: [(tag: String, description: String?, operations: [Operation])] {
        var order = document.tags.map(\.name)
        for operation in document.operations {
            let tag = operation.tags.first ?? "other"
            if !order.contains(tag) { order.append(tag) }
        }
        return order.compactMap { tag in
            let operations = document.operations.filter { ($0.tags.first ?? "other") == tag }
            guard !operations.isEmpty else { return nil }
            return (tag, document.tags.first { $0.name == tag }?.description, operations)
        }
    }

    func page() -> String {
        let title = HTML.escape(document.title)
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) \(HTML.escape(document.version)) – API reference</title>
            <style>\(DocsPageStyle.css)</style>
            </head>
            <body>

            """
        html += tableOfContents()
        html += "<main>\n" + introduction()
        for group in groups {
            html += "<section class=\"tag\" id=\"\(HTML.anchor("tag", group.tag))\">\n<h2>\(HTML.escape(group.tag))</h2>\n"
            html += group.description.map(HTML.prose) ?? ""
            for operation in group.operations { html += self.operation(operation) }
            html += "</section>\n"
        }
        html += schemasSection()
        html += "</main>\n<script>\(DocsPageStyle.script)</script>\n</body>\n</html>\n"
        return html
    }

    func tableOfContents() -> String {
        var html =
            "<aside class=\"toc\">\n<div class=\"brand\">\(HTML.escape(document.title)) "
            + "<span class=\"version\">\(HTML.escape(document.version))</span></div>\n"
        html +=
            "<input id=\"filter\" type=\"search\" placeholder=\"Filter operations\" aria-label=\"Filter operations\" autocomplete=\"off\">\n<nav>\n"
        for group in groups {
            html += "<div class=\"toc-group\"><a class=\"toc-tag\" href=\"#\(HTML.anchor("tag", group.tag))\">\(HTML.escape(group.tag))</a><ul>\n"
            for operation in group.operations {
                let search = HTML.escape(
                    "\(operation.method.rawValue) \(operation.path) \(operation.operationId) \(operation.summary ?? "")".lowercased())
                html += "<li data-search=\"\(search)\"><a href=\"#\(HTML.anchor("op", operation.operationId))\">\(methodBadge(operation.method)) "
                // Long paths wrap after a slash, not inside a name.
                let path = HTML.escape(operation.path).replacing("/", with: "/<wbr>")
                html += "<span class=\"toc-path\">\(path)</span></a></li>\n"
            }
            html += "</ul></div>\n"
        }
        if !document.schemas.isEmpty {
            html += "<div class=\"toc-group\"><a class=\"toc-tag\" href=\"#schemas\">schemas</a><ul>\n"
            for (name, _) in document.schemas {
                html +=
                    "<li data-search=\"\(HTML.escape(name.lowercased()))\">"
                    + "<a href=\"#\(HTML.anchor("schema", name))\">\(HTML.escape(name))</a></li>\n"
            }
            html += "</ul></div>\n"
        }
        return html + "</nav>\n</aside>\n"
    }

    func introduction() -> String {
        var html =
            "<header class=\"intro\">\n<h1>\(HTML.escape(document.title)) <span class=\"version\">\(HTML.escape(document.version))</span></h1>\n"
        html += document.description.map(HTML.prose) ?? ""
        html += "<p class=\"links\">The contract: <a href=\"/openapi.yaml\">openapi.yaml</a> · <a href=\"/openapi.json\">openapi.json</a>"
        html += " <span class=\"muted\">(OpenAPI \(HTML.escape(document.openapi)))</span></p>\n"
        if !document.securitySchemes.isEmpty {
            html += "<h2 id=\"authentication\">Authentication</h2>\n<dl class=\"schemes\">\n"
            for scheme in document.securitySchemes {
                html += "<dt id=\"\(HTML.anchor("auth", scheme.name))\">\(HTML.escape(scheme.name))</dt><dd>\(Self.describe(scheme.kind))"
                html += scheme.description.map(HTML.prose) ?? ""
                html += "</dd>\n"
            }
            html += "</dl>\n"
        }
        return html + "</header>\n"
    }

    func methodBadge(_ method: HTTPMethod) -> String {
        "<span class=\"method \(method.rawValue)\">\(method.rawValue.uppercased())</span>"
    }

    /// How a client presents the credential, as HTML.
    static func describe(_ kind: SecurityScheme.Kind) -> String {
        switch kind {
        case .httpBearer: "HTTP bearer token: send <code>Authorization: Bearer &lt;token&gt;</code>."
        case .httpBasic: "HTTP basic: send <code>Authorization: Basic &lt;base64 user:password&gt;</code>."
        case .apiKey(let place, let name): "API key in the \(HTML.escape(place)) <code>\(HTML.escape(name))</code>."
        case .oauth2: "OAuth 2."
        case .openIdConnect: "OpenID Connect."
        case .other(let what): "\(HTML.escape(what)) (not supported by this server)."
        }
    }
}
