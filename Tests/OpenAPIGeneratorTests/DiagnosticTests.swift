import Testing

@Suite("Diagnostics: file:line:column: severity: message")
struct DiagnosticTests {
    func diagnostics(_ spec: String) -> [String] { generate(spec).diagnostics }

    @Test func yamlSyntaxErrorAtItsPlace() {
        let result = diagnostics("openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: 1\n")
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("openapi.yaml:4:10: error: YAML syntax error:") == true, "\(result)")
    }

    @Test func deepObjectOnAScalarOrOutsideTheQueryIsNamedAndIgnored() {
        let result = diagnostics(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /items/{id}:
                get:
                  operationId: list
                  parameters:
                    - {name: id, in: path, required: true, style: deepObject, schema: {type: object, properties: {a: {type: string}}}}
                    - {name: q, in: query, style: deepObject, schema: {type: string}}
                  responses:
                    '204': {description: Listed.}
            """)
        #expect(
            result == [
                "openapi.yaml:8:11: warning: style 'deepObject' applies to query parameters only; 'id' is in path, so the style is ignored",
                "openapi.yaml:9:11: warning: parameter 'q' has style 'deepObject' but its schema is not an object; the style is ignored; give it 'type: object' with 'properties'",
            ], "\(result)")
    }

    @Test func unknownTypeSuggestsTheClosest() {
        let result = diagnostics(document(schemas: "A:\n  type: object\n  properties:\n    n: {type: intger}"))
        #expect(result == ["openapi.yaml:9:19: error: unknown type 'intger'; did you mean 'integer'? [unknown-type]"])
    }

    @Test func danglingRefSuggestsTheNearestName() {
        let result = diagnostics(document(schemas: "Task: {type: object}\nList:\n  type: array\n  items: {$ref: '#/components/schemas/Tsak'}"))
        #expect(result == ["openapi.yaml:9:21: error: $ref '#/components/schemas/Tsak' does not resolve; did you mean '#/components/schemas/Task'?"])
    }

    @Test func pathTemplateAndParametersMustAgree() {
        let result = diagnostics(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /users/{userId}/tasks:
                get:
                  operationId: list
                  parameters:
                    - {name: user_id, in: path, required: true, schema: {type: integer}}
                  responses: {'200': {description: OK}}
            """)
        #expect(
            result == [
                "openapi.yaml:4:3: error: path template parameter '{userId}' in '/users/{userId}/tasks' is not declared as a path parameter; did you mean 'user_id'? [path-template-undeclared]",
                "openapi.yaml:8:11: error: path parameter 'user_id' does not appear in the path template '/users/{userId}/tasks' [path-param-unused]",
            ])
    }

    @Test func duplicateAndMissingOperationIds() {
        let result = diagnostics(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get: {operationId: same, responses: {'200': {description: OK}}}
                post: {operationId: same, responses: {'200': {description: OK}}}
                put: {responses: {'200': {description: OK}}}
            """)
        #expect(
            result == [
                "openapi.yaml:6:25: error: duplicate operationId 'same' (first used at line 5) [duplicate-operation-id]",
                "openapi.yaml:7:5: warning: operation 'PUT /a' has no operationId; using 'putA' [operation-id-missing]",
            ])
    }

    /// `not` and `if`/`then`/`else` are checked; what cannot be is said at its place.
    @Test func notAndConditionalsThatCannotBeCheckedAreNamed() {
        let result = diagnostics(
            document(
                schemas: """
                    A:
                      type: object
                      properties:
                        child: {type: object, not: {$ref: '#/components/schemas/A'}}
                      then: {required: [child]}
                    B: {type: string, enum: [x, y], not: {const: x}}
                    """))
        #expect(
            result == [
                "openapi.yaml:9:43: error: the schema 'A' refers to itself inside 'not' or 'if'/'then'/'else'; such a recursive schema cannot be checked there",
                "openapi.yaml:10:7: warning: 'then' without 'if' is ignored, as in JSON Schema; add the 'if' it depends on",
                "openapi.yaml:11:37: warning: 'not' and 'if'/'then'/'else' beside 'enum' are not checked; list only the allowed values",
            ], "\(result)")
    }

    /// `if`/`then`/`else` came with JSON Schema 2019-09: checked in a 3.1 document, named and ignored in a 3.0 one.
    @Test func conditionalsAreCheckedIn31AndIgnoredIn30() {
        let schemas =
            "A:\n  type: object\n  properties:\n    country: {type: string}\n  if: {properties: {country: {const: US}}}\n  then: {required: [postcode]}"
        let in31 = generate(document(schemas: schemas))
        #expect(in31.diagnostics.isEmpty, "\(in31.diagnostics)")
        expectContains(
            in31.code,
            #"static let constraint = Constraint(conditional: .init(if: Subschema(properties: [("country", Subschema(enumValues: [.string("US")]))]), then: Subschema(required: ["postcode"])))"#
        )
        expectContains(in31.code, "let satisfied = Self.constraint.check(json, at: loc, &ctx)")
        let in30 = generate(document(schemas: schemas, version: "3.0.3"))
        #expect(
            in30.diagnostics == [
                "openapi.yaml:10:7: warning: 'if' is not a keyword of OpenAPI 3.0 schemas and is ignored; it is checked in an OpenAPI 3.1 document [unsupported-keyword]",
                "openapi.yaml:11:7: warning: 'then' is not a keyword of OpenAPI 3.0 schemas and is ignored; it is checked in an OpenAPI 3.1 document [unsupported-keyword]",
            ], "\(in30.diagnostics)")
        #expect(!in30.code.contains("Constraint("))
    }

    /// An object schema without `properties` is a dictionary; its `required` names are checked around it.
    @Test func requiredNamesOfADictionaryAreChecked() {
        let (code, diagnostics) = generate(
            document(
                schemas:
                    "Doc: {type: object, required: [openapi, paths]}\nHolder: {type: object, properties: {doc: {$ref: '#/components/schemas/Doc'}}}"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        expectContains(code, #"Check.constrained(v, at: loc, &ctx, Constraint(required: ["openapi", "paths"]))"#)
    }

    @Test func unsupportedFeaturesAreNamed() {
        let result = diagnostics(document(schemas: "A:\n  type: object\n  minProperties: 1\n  properties:\n    b: {$ref: 'other.yaml#/B'}"))
        #expect(
            result == [
                "openapi.yaml:8:7: warning: 'minProperties' is not supported by this generator; it is not enforced [unsupported-keyword]",
                "openapi.yaml:10:19: error: external $ref 'other.yaml#/B' is not supported; only references within the document (#/...) are",
            ])
    }

    @Test func unrepresentableCyclesAreReported() {
        let result = diagnostics(document(schemas: "A: {$ref: '#/components/schemas/B'}\nB: {type: array, items: {$ref: '#/components/schemas/A'}}"))
        #expect(result.contains { $0.contains("error:") && $0.contains("cannot be represented") }, "\(result)")
    }

    @Test func otherVersionsAndEmptyInput() {
        #expect(
            diagnostics("swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n") == [
                "openapi.yaml:1:1: error: Swagger 2.0 documents are not supported; convert the document to OpenAPI 3.0 or 3.1"
            ])
        #expect(diagnostics("") == ["openapi.yaml:1:1: error: the document is empty; expected an OpenAPI 3.0 or 3.1 mapping"])
        #expect(diagnostics("- a\n- b\n") == ["openapi.yaml:1:1: error: expected a mapping at the top of the document, found a sequence"])
    }

    @Test func duplicateKeysAndAliasBombsAreRefused() {
        #expect(diagnostics("openapi: 3.1.0\nopenapi: 3.0.0\n") == ["openapi.yaml:2:1: error: duplicate key 'openapi' (first at line 1)"])
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let result = diagnostics(bomb)
        #expect(result.count == 1)
        #expect(result.first?.contains("error: document expands to more than 100000 nodes through aliases") == true, "\(result)")
    }
}
