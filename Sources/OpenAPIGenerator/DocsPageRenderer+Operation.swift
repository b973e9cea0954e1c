import Foundation
import OpenAPIModel

extension DocsPageRenderer {
    func operation(_ operation: OpenAPIModel.Operation) -> String {
        let search = HTML.escape("\(operation.method.rawValue) \(operation.path) \(operation.operationId) \(operation.summary ?? "")".lowercased())
        var html = "<article class=\"op\" id=\"\(HTML.anchor("op", operation.operationId))\" data-search=\"\(search)\">\n"
        html += "<h3>\(methodBadge(operation.method)) <code class=\"path\">\(HTML.escape(operation.path))</code>"
        if operation.deprecated { html += " <span class=\"badge deprecated\">deprecated</span>" }
        html += "</h3>\n"
        if let summary = operation.summary { html += "<p class=\"summary\">\(HTML.codeSpans(HTML.escape(summary)))</p>\n" }
        html += "<p class=\"meta\">operationId <code class=\"opid\">\(HTML.escape(operation.operationId))</code></p>\n"
        html += auth(operation)
        html += operation.description.map(HTML.prose) ?? ""
        if !operation.parameters.isEmpty { html += parameters(operation.parameters) }
        if let body = operation.requestBody { html += requestBody(body) }
        html += responses(operation.responses)
        html += "<h4>Example request</h4>\n<pre class=\"example\"><code>\(HTML.escape(curl(operation)))</code></pre>\n"
        return html + "</article>\n"
    }

    func auth(_ operation: OpenAPIModel.Operation) -> String {
        let alternatives = operation.security.filter { !$0.schemes.isEmpty }
        guard !alternatives.isEmpty, alternatives.count == operation.security.count else {
            let optional = !alternatives.isEmpty ? " (a credential is optional)" : ""
            return "<p class=\"auth none\">No authentication\(optional)</p>\n"
        }
        let names = alternatives.map { requirement in
            requirement.schemes.map { "<a href=\"#\(HTML.anchor("auth", $0))\">\(HTML.escape($0))</a>" }.joined(separator: " and ")
        }.joined(separator: " or ")
        let how =
            alternatives.count == 1 && alternatives[0].schemes.count == 1
            ? document.securitySchemes.first { $0.name == alternatives[0].schemes[0] }.map { " – " + Self.describe($0.kind) } ?? "" : ""
        return "<p class=\"auth required\"><span class=\"lock\" aria-hidden=\"true\"></span>Requires \(names)\(how)</p>\n"
    }

    func parameters(_ parameters: [Parameter]) -> String {
        var html = "<h4>Parameters</h4>\n<table class=\"fields\"><thead><tr>"
        html += "<th>Name</th><th>In</th><th>Type</th><th>Constraints</th><th>Description</th></tr></thead><tbody>\n"
        for parameter in parameters {
            let required = parameter.required ? " <span class=\"req\">required</span>" : ""
            html += "<tr><td><code class=\"name\">\(HTML.escape(parameter.name))</code>\(required)</td>"
            html += "<td>\(parameter.location.rawValue)</td><td>\(type(parameter.schema))</td><td>\(constraints(parameter.schema))</td>"
            html += "<td>\(parameter.description.map(HTML.prose) ?? "")</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    func requestBody(_ body: RequestBody) -> String {
        var html = "<h4>Request body \(body.required ? "<span class=\"req\">required</span>" : "<span class=\"muted\">optional</span>")</h4>\n"
        html += body.description.map(HTML.prose) ?? ""
        for content in body.contents {
            html += "<p class=\"media\"><code>\(HTML.escape(content.mediaType))</code>"
            guard let schema = content.schema else {
                html += "</p>\n"
                continue
            }
            html += ": \(type(schema))</p>\n"
            html += fieldsTable(schema)
        }
        return html
    }

    func responses(_ responses: [Response]) -> String {
        var html = "<h4>Responses</h4>\n<dl class=\"responses\">\n"
        for response in responses.sorted(by: { $0.status < $1.status }) {
            let family = response.status.first.map(String.init) ?? "d"
            html += "<dt><span class=\"status s\(HTML.escape(family))\">\(HTML.escape(response.status))</span></dt><dd>"
            html += response.description.map(HTML.prose) ?? ""
            for content in response.contents {
                html += "<p class=\"media\"><code>\(HTML.escape(content.mediaType))</code>\(content.schema.map { ": " + type($0) } ?? "")</p>"
            }
            if !response.headers.isEmpty {
                html +=
                    "<p class=\"headers\">Headers: "
                    + response.headers.map { header in
                        "<code>\(HTML.escape(header.name))</code> \(type(header.schema))"
                            + (header.required ? " <span class=\"req\">always</span>" : "")
                            + (header.description.map { " – " + HTML.codeSpans(HTML.escape($0)) } ?? "")
                    }.joined(separator: "; ") + "</p>"
            }
            html += "</dd>\n"
        }
        return html + "</dl>\n"
    }

    /// A curl command that satisfies the operation: path parameters and required query parameters and headers
    /// filled with examples, the credential it needs, and an example body.
    func curl(_ operation: OpenAPIModel.Operation) -> String {
        let builder = DocsExample.Builder(components: components, isRequest: true)
        var path = operation.path
        var query: [String] = []
        var lines: [String] = []
        for parameter in operation.parameters {
            let value = Self.plain(builder.example(parameter.schema, name: parameter.name))
            switch parameter.location {
            case .path: path = path.replacingOccurrences(of: "{\(parameter.name)}", with: Self.percentEncoded(value))
            case .query where parameter.required: query.append("\(Self.percentEncoded(parameter.name))=\(Self.percentEncoded(value))")
            case .header where parameter.required: lines.append("-H \(Self.shellQuoted("\(parameter.name): \(value)"))")
            default: break
            }
        }
        let base = (document.servers.first ?? "http://localhost:8000").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let url = base + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let method = operation.method == .get ? "" : "-X \(operation.method.rawValue.uppercased()) "
        let requirement = operation.security.first { !$0.schemes.isEmpty }
        if !operation.security.contains(where: { $0.schemes.isEmpty }), let requirement {
            for name in requirement.schemes {
                switch document.securitySchemes.first(where: { $0.name == name })?.kind {
                case .httpBearer: lines.append("-H \"Authorization: Bearer $TOKEN\"")
                case .httpBasic: lines.append("-u \"$USER:$PASSWORD\"")
                case .apiKey(let place, let key) where place == "header": lines.append("-H \"\(key): $API_KEY\"")
                default: break
                }
            }
        }
        if let body = operation.requestBody, let content = body.contents.first(where: \.isJSON) ?? body.contents.first {
            lines.append("-H \(Self.shellQuoted("Content-Type: \(content.mediaType)"))")
            if let schema = content.schema, content.isJSON { lines.append("-d \(Self.shellQuoted(builder.example(schema).json()))") }
        }
        return (["curl \(method)\(Self.shellQuoted(url))"] + lines).joined(separator: " \\\n  ")
    }

    /// An example scalar as it is written in a URL or header.
    static func plain(_ example: DocsExample) -> String {
        if case .value(.string(let text)) = example { return text }
        return example.json()
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?&=#+"))) ?? text
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
