import Foundation
import OpenAPIModel
import Testing

@testable import OpenAPIGenerator

/// The `/docs` page the generator renders into `EmbeddedDocs.html`.
@Suite("Docs page")
struct DocsPageRenderTests {
    static let hostile = "<script>alert(1)</script>"

    static let spec = """
        openapi: 3.1.0
        info: {title: "T <script>alert(1)</script>", version: '1', description: "`x` <script>alert(1)</script> <img src=x onerror=alert(1)>"}
        tags: [{name: notes, description: "<script>alert(1)</script>"}]
        paths:
          /notes/{id}:
            post:
              operationId: addNote
              tags: [notes]
              summary: "<script>alert(1)</script>"
              description: "<script>alert(1)</script>"
              security: [{bearer: []}]
              parameters:
                - {name: id, in: path, required: true, description: "<script>alert(1)</script>", schema: {type: integer, minimum: 5}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [title]
                      properties:
                        title: {type: string, minLength: 3, maxLength: 5, description: "<script>alert(1)</script>"}
                        kind: {type: string, enum: ["<script>alert(1)</script>", b]}
                        when: {type: string, format: date-time}
                        note: {type: string, example: "it's"}
              responses:
                '201': {description: "<script>alert(1)</script>"}
        components:
          securitySchemes:
            bearer: {type: http, scheme: bearer, description: "<script>alert(1)</script>"}
        """

    /// The page as a browser gets it, after checking that the generator embeds exactly that text.
    func page() throws -> String {
        let output = Generator.generate(spec: Self.spec, fileName: "openapi.yaml")
        let files = try #require(output.files, "\(output.diagnostics)")
        let docs = try #require(files.first { $0.name == "DocsPage.swift" }?.contents)
        let document = try #require(OpenAPIParser.parse(Self.spec, diagnostics: DiagnosticCollector()))
        let html = DocsPageRenderer.render(document)
        #expect(docs.contains("public enum EmbeddedDocs {"))
        #expect(docs.contains("public static let html: String = \(Naming.literal(html))"))
        return html
    }

    /// The renderer stands alone (the generator renders it only for specs that translate): cycles through
    /// `allOf` and `$ref`s end, and every member still shows.
    @Test func cyclesThroughAllOfAndRefsEnd() throws {
        let spec = document(
            schemas: """
                A:
                  allOf: [{$ref: '#/components/schemas/B'}, {$ref: '#/components/schemas/B'}, {$ref: '#/components/schemas/A'}]
                  properties: {a: {$ref: '#/components/schemas/A'}}
                B:
                  allOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/A'}]
                  properties: {b: {type: string, maxLength: 3}}
                """,
            paths:
                "{/a: {post: {operationId: postA, requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}, responses: {'200': {description: ok}}}}}"
        )
        let document = try #require(OpenAPIParser.parse(spec, diagnostics: DiagnosticCollector()))
        let html = DocsPageRenderer.render(document)
        #expect(html.contains(#"<code class="name">b</code>"#))
        #expect(html.contains(#"&quot;b&quot;: &quot;exa&quot;,\#n  &quot;a&quot;: null"#), "the recursive member is cut, not expanded forever")
    }

    @Test func specTextComesOutInert() throws {
        let html = try page()
        #expect(!html.contains(Self.hostile))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script element")
        #expect(html.contains("<code>x</code> &lt;script&gt;"), "code spans still work in escaped prose")
    }

    @Test func operationsShowConstraintsAuthAndAnExampleRequest() throws {
        let html = try page()
        #expect(html.contains(#"<section class="tag" id="tag-notes">"#))
        #expect(html.contains(#"<span class="kw">maxLength</span> 5"#))
        #expect(html.contains(#"<span class="kw">minimum</span> 5"#))
        #expect(html.contains(##"Requires <a href="#auth-bearer">bearer</a>"##))
        // The example: path parameter at its minimum, the title padded to minLength and cut to maxLength,
        // the first enum value, a date-time, the spec's own example (its quote escaped for the shell).
        #expect(html.contains("curl -X POST &#39;http://localhost:8000/notes/5&#39;"))
        #expect(html.contains("&quot;title&quot;: &quot;examp&quot;"))
        #expect(html.contains("&quot;kind&quot;: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;"))
        #expect(html.contains("&quot;when&quot;: &quot;2025-01-15T09:30:00Z&quot;"))
        #expect(html.contains(#"&quot;note&quot;: &quot;it&#39;\&#39;&#39;s&quot;"#))
        #expect(html.contains("-H &quot;Authorization: Bearer $TOKEN&quot;"))
    }
}
