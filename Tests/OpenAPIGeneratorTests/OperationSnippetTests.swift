import Foundation
import Testing

@testable import OpenAPIGenerator

@Suite("Operations: YAML in, Swift out")
struct OperationSnippetTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        security:
          - Bearer: []
        paths:
          /items/{item_id}:
            parameters:
              - {name: item_id, in: path, required: true, schema: {type: integer, minimum: 1}}
            put:
              operationId: update_item
              summary: Change an item
              parameters:
                - {name: dry-run, in: query, schema: {type: boolean, default: false}}
                - {name: tags, in: query, schema: {type: array, items: {type: string}}}
                - {name: X-Request-Id, in: header, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [name], properties: {name: {type: string}}}
              responses:
                '200':
                  description: Changed.
                  headers:
                    X-Version: {required: true, schema: {type: integer}}
                  content:
                    application/json:
                      schema: {type: object, properties: {name: {type: string}}}
                '204': {description: Nothing to change.}
                4XX: {description: Client error.}
          /public:
            get:
              operationId: listPublic
              security: [{}, {Bearer: [], Key: []}]
              responses:
                '200': {description: OK}
        components:
          securitySchemes:
            Bearer: {type: http, scheme: bearer}
            Key: {type: apiKey, in: header, name: X-Key}
        """

    @Test func inputsOutputsAndHandlerProtocol() {
        let (code, diagnostics) = generate(Self.spec)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        expectContains(code, "public enum UpdateItem {")
        expectContains(code, #"public static let operationId = "update_item""#)
        expectContains(code, "public final class Path: Sendable { public let itemId: Int")
        expectContains(code, "public let dryRun: Bool public let tags: [String]?")
        expectContains(code, "public final class Headers: Sendable { public let xRequestId: String?")
        expectContains(code, "public let body: Operations.UpdateItem.Body")
        // One case per documented status: a handler can return nothing else.
        expectContains(code, "case ok(Operations.UpdateItem.OkBody, headers: OkHeaders)")
        expectContains(code, "case noContent")
        expectContains(code, "case status4XX(statusCode: Int)")
        expectContains(code, "public protocol APIHandler: Authenticator {")
        expectContains(code, "func authenticateBearer(_ credential: String) async throws -> Authentication<Principal>")
        expectContains(
            code, "func updateItem(_ input: Operations.UpdateItem.Input, principal: Principal) async throws -> Operations.UpdateItem.Output")
        // `{}` among the alternatives: anonymous access allowed, so the principal is optional.
        expectContains(code, "func listPublic(_ input: Operations.ListPublic.Input, principal: Principal?) async throws")
    }

    @Test func routesDecodeEverythingBeforeCallingTheHandler() {
        let (code, _) = generate(Self.spec)
        // The route is data for `Router.on`: endpoint, security, the input's reader, and the handler call.
        expectContains(
            code,
            #"router.on(Endpoint("/items/{item_id}", .put, readsBody: true), security: Operations.security1, self, read: Operations.UpdateItem.Input.init) { h, input, principal in try await h.updateItem(input, principal: principal) }"#
        )
        expectContains(code, "self._updateItem(on: router)")
        expectContains(code, #"Route.methodNotAllowed(on: router, path: "/items/{item_id}", allowed: ["PUT"])"#)
        // Each list of security alternatives is spelled once, and routes name it.
        expectContains(code, #"static let security1: [[SecuritySchemeRef]] = [[.init(name: "Bearer", kind: .bearer)]]"#)
        expectContains(
            code,
            #"static let security2: [[SecuritySchemeRef]] = [[.init(name: "Bearer", kind: .bearer), .init(name: "Key", kind: .apiKey(in: "header", name: "X-Key"))]]"#
        )
        expectContains(code, "optionalSecurity: Operations.security2, self, read:")
        // One hook by scheme name for every route, not a closure in each.
        expectContains(
            code,
            #"func _authenticate(_ scheme: String, _ credential: String) async throws -> Authentication<Principal> { switch scheme { case "Bearer": return try await self.authenticateBearer(credential)"#
        )
        expectContains(code, #"Check.defaulted(queryValues, "dry-run", false, at: Route.inQuery, &ctx, Bool.self)"#)
        // Arrays still decode through a closure: their items have checks of their own.
        expectContains(
            code,
            #"Check.optional(queryValues, "tags", at: Route.inQuery, &ctx) { v, loc, ctx in Check.array(v, at: loc, &ctx) { v, loc, ctx in Check.string(v, at: loc, &ctx) } }"#
        )
        expectContains(code, #"Route.queryParameters(parts, [("dry-run", false, nil), ("tags", true, nil)])"#)
        expectContains(code, "let _body = try Route.jsonBody(parts, &ctx)")
        expectContains(code, "try ctx.check()")
        expectContains(code, #"Respond.header(&fields, "X-Version", headers.xVersion)"#)
        expectContains(code, "case .status4XX(let statusCode): return Respond.empty(statusCode)")
        // Outputs compare by what they encode to (`OperationOutput`), with no `==` of their own.
        expectContains(code, "public indirect enum Output: OperationOutput {")
        expectContains(code, "public func encoded() -> EncodedResponse {")
    }

    /// An operation reads its parameters in a synchronous initializer; its route's only code is the handler call.
    @Test func parametersAreReadOutsideTheAsyncRoute() {
        let spec = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /items/{id}:
                get:
                  operationId: getItem
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                    - {name: q, in: query, schema: {type: string}}
                  responses:
                    '200': {description: OK}
            """
        let (code, _) = generate(spec)
        expectContains(code, "extension Operations.GetItem.Input { /// The parameters of `parts`, converted and validated")
        expectContains(code, "convenience init(_ parts: RequestParts) throws { var ctx = DecodeContext(parameters: true)")
        expectContains(code, #"let pathValues = Route.pathParameters(parts, ["id"])"#)
        expectContains(code, "self.init(path: .init(id: _path_id), query: .init(q: _query_q))")
        expectContains(
            code,
            #"func _getItem<Context: RequestContext>(on router: Router<Context>) { router.on(Endpoint("/items/{id}", .get), self, read: Operations.GetItem.Input.init) { h, input in try await h.getItem(input) } }"#
        )
    }

    /// The types are spread over the `Types` files by weight, in spec order: no file is left with most of them.
    @Test func typesAreSpreadEvenlyOverTheirFiles() {
        let units = (0..<100).map { index in
            let text = "unit\(index)" + String(repeating: "x", count: 100 + index % 7 * 50) + "\n"
            // Doc comments and operations weigh differently from their bytes; weight is what is balanced.
            return (text: text, weight: index % 10 == 0 ? 2_000 : 100 + index % 7 * 50)
        }
        let files = Generator.spread(units, over: 16)
        let total = units.reduce(0) { $0 + $1.weight }
        let weights = files.map { file in
            units.filter { file.contains("unit\($0.text.prefix { $0 != "x" }.dropFirst(4))x") }.reduce(0) { $0 + $1.weight }
        }
        #expect(weights.reduce(0, +) == total, "every unit is placed once")
        #expect(weights.allSatisfy { abs($0 - total / 16) <= 2_000 }, "\(weights)")
        // Spec order: reading the files in order gives the units in order.
        let order = files.joined().split(separator: "\n").map { String($0.prefix { $0 != "x" }) }
        #expect(order == (0..<100).map { "unit\($0)" })
        #expect(Array(Generator.fileNames.prefix(16)) == (1...16).map { String(format: "Types%02d.swift", $0) })
    }

    /// The build plugin declares the generator's files (it cannot import the generator, so it spells them itself).
    @Test func theBuildPluginDeclaresEveryFileTheGeneratorWrites() throws {
        let plugin = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Plugins/OpenAPIBuildPlugin/plugin.swift")
        let text = try String(contentsOf: plugin, encoding: .utf8)
        #expect(text.contains(#"(1...\#(Generator.typesFileCount)).map { "Types" + ($0 < 10 ? "0" : "") + "\($0).swift" }"#))
        for name in Generator.fileNames.dropFirst(Generator.typesFileCount) { #expect(text.contains("\"\(name)\"")) }
    }

    @Test func theSpecIsEmbeddedByteForByte() {
        let spec = Self.spec + "\n# a comment, \"quotes\", a tab\there and a backslash \\ \r\n"
        let (code, _) = generate(spec)
        expectContains(code, "public static let text: String = ")
        #expect(code.contains(#"# a comment, \"quotes\", a tab\there and a backslash \\ \r\n"#))
    }

    @Test func componentResponsesAreGeneratedOnce() {
        let (code, diagnostics) = generate(
            """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            x-openapi-gen-lint: {disable: [operation-success-response]}
            paths:
              /a: {get: {operationId: a, responses: {'404': {$ref: '#/components/responses/NotFound'}}}}
              /b: {get: {operationId: b, responses: {'404': {$ref: '#/components/responses/NotFound'}}}}
            components:
              responses:
                NotFound:
                  description: Missing.
                  content: {application/json: {schema: {type: object, properties: {detail: {type: string}}}}}
            """)
        #expect(diagnostics.isEmpty)
        #expect(squeezed(code).components(separatedBy: "public struct NotFoundResponse").count == 2)
        expectContains(code, "case notFound(NotFoundResponse)")
    }

    /// JSON and a form with different schemas: the handler gets an enum over both and the route picks the
    /// decoder by Content-Type; the form's array properties are named so a single value is still a list.
    @Test func formBodiesBesideJSON() {
        let (code, diagnostics) = generate(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /login:
                post:
                  operationId: sign_in
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Login'}
                      application/x-www-form-urlencoded:
                        schema: {$ref: '#/components/schemas/Form'}
                  responses:
                    '204': {description: OK}
              /search:
                post:
                  operationId: search
                  requestBody:
                    content:
                      application/x-www-form-urlencoded:
                        schema: {$ref: '#/components/schemas/Form'}
                  responses:
                    '204': {description: OK}
              /same:
                post:
                  operationId: same
                  requestBody:
                    required: true
                    content:
                      application/json: {schema: {$ref: '#/components/schemas/Login'}}
                      application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Login'}}
                  responses:
                    '204': {description: OK}
            components:
              schemas:
                Login: {type: object, required: [email], properties: {email: {type: string}}}
                Form:
                  type: object
                  required: [username]
                  properties:
                    username: {type: string}
                    scopes: {type: array, items: {type: string}}
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        expectContains(
            code,
            """
            public enum RequestBody: Sendable {
                /// Sent as `application/json`.
                case json(Login)
                /// Sent as `application/x-www-form-urlencoded`.
                case form(Form)
            }
            """)
        expectContains(code, "public let body: Operations.SignIn.RequestBody")
        expectContains(
            code,
            """
            let _body = try Route.negotiatedBody(parts, &ctx, json: { v, loc, ctx in Login.decode(v, at: loc, &ctx).map { Operations.SignIn.RequestBody.json($0) } }, form: .init(arrayFields: ["scopes"], decode: { v, loc, ctx in Form.decode(v, at: loc, &ctx).map { Operations.SignIn.RequestBody.form($0) } }))
            """)
        // A form alone, optional: no enum, the optional variant of the reader.
        expectContains(code, "public let body: Form?")
        expectContains(
            code,
            """
            let _body = try Route.optionalNegotiatedBody(parts, &ctx, form: .init(arrayFields: ["scopes"], decode: { v, loc, ctx in Form.decode(v, at: loc, &ctx) }))
            """)
        // The same schema for both: one type, no enum.
        expectContains(
            code,
            """
            let _body = try Route.negotiatedBody(parts, &ctx, json: { v, loc, ctx in Login.decode(v, at: loc, &ctx) }, form: .init(arrayFields: [], decode: { v, loc, ctx in Login.decode(v, at: loc, &ctx) }))
            """)
        #expect(
            !code.contains(
                "enum RequestBody: Sendable {\n            /// Sent as `application/json`.\n            case json(Login)\n            /// Sent as `application/x-www-form-urlencoded`.\n            case form(Login)"
            ))
    }
}
