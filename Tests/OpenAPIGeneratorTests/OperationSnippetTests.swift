import Testing

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
        expectContains(code, "public struct Path: Sendable { public var itemId: Int")
        expectContains(code, "public var dryRun: Bool public var tags: [String]?")
        expectContains(code, "public struct Headers: Sendable { public var xRequestId: String?")
        expectContains(code, "public var body: Operations.UpdateItem.Body")
        // One case per documented status: a handler can return nothing else.
        expectContains(code, "case ok(Operations.UpdateItem.OkBody, headers: OkHeaders)")
        expectContains(code, "case noContent")
        expectContains(code, "case status4XX(statusCode: Int)")
        expectContains(code, "associatedtype Principal: Sendable")
        expectContains(code, "func authenticateBearer(_ credential: String) async throws -> Authentication<Principal>")
        expectContains(
            code, "func updateItem(_ input: Operations.UpdateItem.Input, principal: Principal) async throws -> Operations.UpdateItem.Output")
        // `{}` among the alternatives: anonymous access allowed, so the principal is optional.
        expectContains(code, "func listPublic(_ input: Operations.ListPublic.Input, principal: Principal?) async throws")
    }

    @Test func routesDecodeEverythingBeforeCallingTheHandler() {
        let (code, _) = generate(Self.spec)
        expectContains(code, #"router.on("/items/{item_id}", method: .put) { request, context in"#)
        expectContains(code, #"Route.methodNotAllowed(on: router, path: "/items/{item_id}", allowed: ["PUT"])"#)
        expectContains(code, #"let principal = try await Security.require(request, [[.init(name: "Bearer", kind: .bearer)]], self._authenticate)"#)
        expectContains(
            code,
            #"let principal = try await Security.optional(request, [[.init(name: "Bearer", kind: .bearer), .init(name: "Key", kind: .apiKey(in: "header", name: "X-Key"))]], self._authenticate)"#
        )
        // One hook by scheme name for every route, not a closure in each.
        expectContains(
            code,
            #"func _authenticate(_ scheme: String, _ credential: String) async throws -> Authentication<Principal> { switch scheme { case "Bearer": return try await self.authenticateBearer(credential)"#
        )
        expectContains(code, #"Check.defaulted(queryValues, "dry-run", false, at: ["query"], &ctx, Bool.self)"#)
        // Arrays still decode through a closure: their items have checks of their own.
        expectContains(
            code,
            #"Check.optional(queryValues, "tags", at: ["query"], &ctx) { v, loc, ctx in Check.array(v, at: loc, &ctx) { v, loc, ctx in Check.string(v, at: loc, &ctx) } }"#
        )
        expectContains(code, #"Route.queryParameters(request, [("dry-run", false, nil), ("tags", true, nil)])"#)
        expectContains(code, "let _body = try await Route.jsonBody(request, context, &ctx)")
        expectContains(code, "try ctx.check()")
        expectContains(code, #"Respond.header(&fields, "X-Version", headers.xVersion)"#)
        expectContains(code, "case .status4XX(let statusCode): return Respond.empty(statusCode)")
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
        expectContains(code, "public var body: Operations.SignIn.RequestBody")
        expectContains(
            code,
            """
            let _body = try await Route.negotiatedBody(request, context, &ctx, json: { v, loc, ctx in Login.decode(v, at: loc, &ctx).map { Operations.SignIn.RequestBody.json($0) } }, form: .init(arrayFields: ["scopes"], decode: { v, loc, ctx in Form.decode(v, at: loc, &ctx).map { Operations.SignIn.RequestBody.form($0) } }))
            """)
        // A form alone, optional: no enum, the optional variant of the reader.
        expectContains(code, "public var body: Form?")
        expectContains(
            code,
            """
            let _body = try await Route.optionalNegotiatedBody(request, context, &ctx, form: .init(arrayFields: ["scopes"], decode: { v, loc, ctx in Form.decode(v, at: loc, &ctx) }))
            """)
        // The same schema for both: one type, no enum.
        expectContains(
            code,
            """
            let _body = try await Route.negotiatedBody(request, context, &ctx, json: { v, loc, ctx in Login.decode(v, at: loc, &ctx) }, form: .init(arrayFields: [], decode: { v, loc, ctx in Login.decode(v, at: loc, &ctx) }))
            """)
        #expect(
            !code.contains(
                "enum RequestBody: Sendable {\n            /// Sent as `application/json`.\n            case json(Login)\n            /// Sent as `application/x-www-form-urlencoded`.\n            case form(Login)"
            ))
    }
}
