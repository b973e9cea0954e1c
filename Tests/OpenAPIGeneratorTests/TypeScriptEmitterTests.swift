import OpenAPITypeScript
import Testing

/// The TypeScript emitter on YAML fragments: schema shapes, result unions, request encodings and what it refuses.
@Suite("TypeScript emitter: YAML fragment in, TypeScript fragment out")
struct TypeScriptEmitterTests {
    /// `schemas.ts` and `client.ts` joined, or the diagnostics when emitting failed.
    func emit(_ spec: String) -> (code: String, diagnostics: [String]) {
        let output = TypeScriptEmitter.emit(spec: spec, fileName: "openapi.yaml")
        let code = output.files?.map(\.contents).joined(separator: "\n") ?? ""
        return (code, output.diagnostics.map { $0.formatted(file: "openapi.yaml") })
    }

    func path(_ operation: String) -> String {
        "\n  /api/{user_id}/tasks:\n" + operation.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    @Test func optionalAndNullableStayApart() {
        let result = emit(
            document(
                schemas: """
                    Task:
                      type: object
                      required: [id, description]
                      properties:
                        id: {type: integer}
                        description: {type: [string, 'null']}
                        note: {type: [string, 'null'], maxLength: 1000}
                        title: {type: string}
                        tag: {anyOf: [{type: string}, {type: 'null'}]}
                    """))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(result.code, "id: number; description: string | null;")
        expectContains(result.code, "/** @maxLength 1000 */ note?: string | null; title?: string; tag?: string | null;")
    }

    @Test func openAPI30NullableIsNull() {
        let result = emit(document(schemas: "A:\n  type: object\n  properties:\n    n: {type: string, nullable: true}", version: "3.0.3"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(result.code, "n?: string | null;")
    }

    @Test func enumsArraysMapsAndCompositions() {
        let result = emit(
            document(
                schemas: """
                    Status: {type: string, enum: [open, done]}
                    Base:
                      type: object
                      properties:
                        title: {type: string, minLength: 1, pattern: '^a*/b$'}
                    Create:
                      allOf:
                        - $ref: '#/components/schemas/Base'
                        - type: object
                          required: [title]
                    Either:
                      oneOf:
                        - $ref: '#/components/schemas/Base'
                        - {type: integer, minimum: 0}
                    Counts:
                      type: object
                      additionalProperties: {type: integer}
                    Statuses:
                      type: array
                      items: {$ref: '#/components/schemas/Status'}
                    """))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(result.code, "export type Status = \"open\" | \"done\";")
        expectContains(result.code, "export type Create = Base & { title: unknown; };")
        expectContains(result.code, "export type Either = Base | number;")
        expectContains(result.code, "export type Counts = { [key: string]: number };")
        expectContains(result.code, "export type Statuses = Status[];")
        // Constraints become doc comments; `*/` in a pattern cannot end the comment early.
        expectContains(result.code, "/** * @minLength 1 * @pattern ^a*\\/b$ */ title?: string;")
    }

    @Test func resultIsAUnionOverDocumentedStatusesWithTypedHeaders() {
        let spec = document(
            schemas: "Task: {type: object, properties: {id: {type: integer}}}\nProblem: {type: object, properties: {detail: {type: string}}}",
            paths: path(
                """
                parameters:
                  - {name: user_id, in: path, required: true, schema: {type: integer}}
                get:
                  operationId: list_tasks
                  parameters:
                    - {name: limit, in: query, schema: {type: integer}}
                  responses:
                    '200':
                      description: A page.
                      headers:
                        X-Total-Count: {required: true, schema: {type: integer}}
                      content:
                        application/json:
                          schema: {type: array, items: {$ref: '#/components/schemas/Task'}}
                    '422':
                      description: Invalid.
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Problem'}
                    '204': {description: Nothing.}
                """))
        let result = emit(spec)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(
            result.code,
            """
            export type ListTasksResult =
              | { /** A page. */ status: 200; body: S.Task[]; headers: { /** @integer */ "X-Total-Count": number; }; }
              | { /** Invalid. */ status: 422; body: S.Problem; headers: {}; }
              | { /** Nothing. */ status: 204; body: undefined; headers: {}; }
              | Undocumented;
            """)
        expectContains(
            result.code, "export type ListTasksArgs = { path: { /** @integer */ user_id: number; }; query?: { /** @integer */ limit?: number; }; };")
        expectContains(result.code, "async listTasks(args: ListTasksArgs): Promise<ListTasksResult>")
        expectContains(result.code, "path: \"/api/\" + pathSegment(args.path[\"user_id\"]) + \"/tasks\",")
        expectContains(result.code, "query: { \"limit\": args.query?.[\"limit\"] },")
        expectContains(result.code, "{ status: 200, body: \"json\", headers: [[\"X-Total-Count\", \"integer\", true]] },")
        expectContains(result.code, "{ status: 204, body: \"none\", headers: [] },")
    }

    @Test func aDefaultResponseReplacesTheCatchAll() {
        let result = emit(
            document(
                paths: path(
                    """
                    get:
                      operationId: list
                      parameters: [{name: user_id, in: path, required: true, schema: {type: integer}}]
                      responses:
                        '2XX': {description: Fine.}
                        default:
                          description: Anything else.
                          content: {application/json: {schema: {type: object}}}
                    """)))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(result.code, "status: 200 | 201 | 202")
        expectContains(result.code, "| 299; body: undefined; headers: {}; }")
        expectContains(
            result.code, "| { /** Anything else. */ status: \"default\"; httpStatus: number; body: { [key: string]: unknown }; headers: {}; };")
        #expect(!result.code.contains("| Undocumented;"))
    }

    @Test func bearerOnlyWhereTheSpecAsksForIt() {
        let result = emit(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /open:
                get: {operationId: open, responses: {'200': {description: OK}}}
              /closed:
                get: {operationId: closed, security: [{Bearer: []}], responses: {'200': {description: OK}}}
            components:
              securitySchemes:
                Bearer: {type: http, scheme: bearer}
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(
            result.code,
            "async open(): Promise<OpenResult> { const answer = await this.transport.send( { method: \"GET\", path: \"/open\", bearer: false, },")
        expectContains(
            result.code,
            "async closed(): Promise<ClosedResult> { const answer = await this.transport.send( { method: \"GET\", path: \"/closed\", bearer: true, },"
        )
    }

    static let login = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /login:
            post:
              operationId: login
              requestBody:
                required: true
                content:
        %@
              responses: {'200': {description: OK}}
        components:
          schemas:
            UserLogin:
              type: object
              required: [email, password]
              properties: {email: {type: string}, password: {type: string}}
        """

    static func login(content: String) -> String {
        login.replacingOccurrences(of: "%@", with: content.split(separator: "\n").map { "          " + $0 }.joined(separator: "\n"))
    }

    @Test func aDeepObjectQueryParameterIsAnObjectSentMemberByMember() {
        let result = emit(
            document(
                schemas: "Filter: {type: object, properties: {status: {type: string}, tags: {type: array, items: {type: string}}}}",
                paths: path(
                    """
                    get:
                      operationId: search
                      parameters:
                        - {name: user_id, in: path, required: true, schema: {type: integer}}
                        - {name: filter, in: query, style: deepObject, explode: true, schema: {$ref: '#/components/schemas/Filter'}}
                      responses:
                        '204': {description: Found.}
                    """)))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(result.code, "/** @style deepObject (sent as name[member]=value) */ filter?: S.Filter;")
        expectContains(result.code, "query: { \"filter\": args.query?.[\"filter\"] },")
        // The runtime writes an object's members as name[member]=value.
        expectContains(result.code, #"add(name + "[" + member + "]", memberValue)"#)
    }

    @Test func formContentBesideJSONIsASecondMethod() {
        let result = emit(
            Self.login(
                content: """
                    application/json:
                      schema: {$ref: '#/components/schemas/UserLogin'}
                    application/x-www-form-urlencoded:
                      schema:
                        type: object
                        required: [username, password]
                        properties: {username: {type: string}, password: {type: string}}
                    """))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(result.code, "export type LoginArgs = { body: S.UserLogin; };")
        expectContains(
            result.code,
            "export type LoginFormArgs = { /** Sent as application/x-www-form-urlencoded. */ body: { username: string; password: string; }; };")
        expectContains(result.code, "async login(args: LoginArgs): Promise<LoginResult>")
        expectContains(result.code, "bearer: false, json: args.body, },")
        expectContains(result.code, "async loginForm(args: LoginFormArgs): Promise<LoginResult>")
        expectContains(result.code, "bearer: false, form: args.body, },")
    }

    @Test func formContentAloneIsTheOnlyMethod() {
        let result = emit(Self.login(content: "application/x-www-form-urlencoded:\n  schema: {$ref: '#/components/schemas/UserLogin'}"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(result.code, "async login(args: LoginArgs): Promise<LoginResult>")
        expectContains(result.code, "bearer: false, form: args.body, },")
        #expect(!result.code.contains("loginForm"))
    }

    @Test func refusesWhatFetchCannotSendAtItsPlace() {
        let result = emit(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /upload:
                post:
                  operationId: upload
                  parameters:
                    - {name: session, in: cookie, schema: {type: string}}
                  requestBody:
                    content:
                      application/xml: {schema: {type: object}}
                  responses: {'200': {description: OK}}
            """)
        #expect(result.code.isEmpty)
        #expect(
            result.diagnostics == [
                "openapi.yaml:8:11: error: cookie parameter 'session' cannot be sent by fetch in a browser; the TypeScript client does not support cookie parameters",
                "openapi.yaml:10:9: error: request body of 'upload' offers only application/xml; the TypeScript client sends application/json, application/x-www-form-urlencoded or multipart/form-data",
            ])
    }

    @Test func multipartIsSentWithFilesAsBinaryFilesAndBesideJSONIsASecondMethod() {
        let result = emit(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /upload:
                post:
                  operationId: upload
                  requestBody:
                    required: true
                    content:
                      application/json: {schema: {type: object, properties: {url: {type: string}}}}
                      multipart/form-data:
                        schema:
                          type: object
                          required: [file]
                          properties: {file: {type: string, format: binary}, tags: {type: array, items: {type: string}}}
                  responses: {'204': {description: Stored.}}
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(result.code, "export interface BinaryFile {")
        expectContains(result.code, "readonly bytes: Uint8Array;")
        expectContains(result.code, "async upload(args: UploadArgs): Promise<UploadResult>")
        expectContains(result.code, "async uploadMultipart(args: UploadMultipartArgs): Promise<UploadResult>")
        expectContains(result.code, "file: S.BinaryFile;")
        expectContains(result.code, "bearer: false, multipart: args.body, },")
        expectContains(result.code, "The same operation with its body sent as multipart/form-data.")
    }

    @Test func namesThatWouldClashAreRenamed() {
        let result = emit(document(schemas: "ApiClient: {type: string}\nclass: {type: integer}\nmy-type: {type: boolean}"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        expectContains(result.code, "export type ApiClientSchema = string;")
        expectContains(result.code, "export type classSchema = number;")
        expectContains(result.code, "export type MyType = boolean;")
    }

    @Test func theProjectSpecEmitsEveryFileWithoutDiagnostics() throws {
        let spec = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let output = TypeScriptEmitter.emit(spec: spec, fileName: "openapi.yaml")
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        let files = try #require(output.files)
        #expect(files.map(\.name) == ["schemas.ts", "client.ts", "index.ts"])
        let again = TypeScriptEmitter.emit(spec: spec, fileName: "openapi.yaml").files
        #expect(again?.map(\.contents) == files.map(\.contents), "the emitter must be deterministic")
    }
}
