extension LintRuleTests {
    /// Rules about paths, operations, responses, tags, components, info, servers and the lint setting itself.
    static let documentCases: [LintCase] = [
        LintCase(
            "path-param-required", "a path parameter without required: true",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a/{id}:
                get:
                  operationId: a
                  parameters:
                    - {name: id, in: path, schema: {type: string}}
                  responses: {'200': {description: OK}}
            """#,
            [
                "openapi.yaml:8:11: warning: path parameter 'id' should have 'required: true'; it is treated as required [path-param-required]"
            ]),
        LintCase(
            "parameter-schema", "Swagger 2.0's type on the parameter itself",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  parameters:
                    - {name: limit, in: query, type: integer}
                  responses: {'200': {description: OK}}
            """#,
            [
                "openapi.yaml:8:11: warning: parameter 'limit' has 'type' but no 'schema' (Swagger 2.0 style), so it is ignored and the value is read as a string; move it under 'schema:', as 'schema: {type: integer}' [parameter-schema]"
            ]),
        LintCase(
            "path-template-undeclared", "a template variable without a parameter",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a/{id}:
                get:
                  operationId: a
                  responses: {'200': {description: OK}}
            """#,
            [
                "openapi.yaml:4:3: error: path template parameter '{id}' in '/a/{id}' is not declared as a path parameter [path-template-undeclared]"
            ]),
        LintCase(
            "path-param-unused", "a path parameter missing from the template",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                  responses: {'200': {description: OK}}
            """#,
            [
                "openapi.yaml:8:11: error: path parameter 'id' does not appear in the path template '/a' [path-param-unused]"
            ]),
        LintCase(
            "response-code", "a status that is no status",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  responses:
                    '200': {description: OK}
                    '2xx': {description: OK}
            """#,
            [
                "openapi.yaml:9:9: error: '2xx' is not a response status; expected a code such as 200, a range such as 2XX, or 'default' [response-code]"
            ]),
        LintCase(
            "response-code-not-string", "an unquoted status",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  responses:
                    200: {description: OK}
            """#,
            [
                "openapi.yaml:8:9: warning: response code 200 is a number in YAML; quote it: '200' [response-code-not-string]"
            ]),
        LintCase(
            "operation-success-response", "only error responses",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  responses:
                    '404': {description: Not found}
            """#,
            [
                "openapi.yaml:7:7: warning: GET /a documents no success response; add a 2XX (or 3XX) response such as '200' or '204' [operation-success-response]"
            ]),
        LintCase(
            "response-description", "a response without description",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  responses:
                    '204': {}
            """#,
            [
                "openapi.yaml:8:16: warning: a response needs a 'description' (OpenAPI requires it); add one, even 'description: OK' [response-description]"
            ]),
        LintCase(
            "duplicate-operation-id", "two operations with one operationId",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get: {operationId: same, responses: {'200': {description: OK}}}
                post: {operationId: same, responses: {'200': {description: OK}}}
            """#,
            [
                "openapi.yaml:6:25: error: duplicate operationId 'same' (first used at line 5) [duplicate-operation-id]"
            ]),
        LintCase(
            "operation-id-missing", "an operation without operationId",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  responses: {'200': {description: OK}}
            """#,
            [
                "openapi.yaml:5:5: warning: operation 'GET /a' has no operationId; using 'getA' [operation-id-missing]"
            ]),
        LintCase(
            "operation-id-identifier", "spaces in an operationId",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: find pet by id
                  responses: {'200': {description: OK}}
            """#,
            [
                "openapi.yaml:6:20: warning: operationId 'find pet by id' has characters that make a poor identifier or URL fragment; use letters, digits and '_', such as 'findPetById' [operation-id-identifier]"
            ]),
        LintCase(
            "request-body-on-get", "a GET with a body",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  requestBody:
                    content: {application/json: {schema: {type: object}}}
                  responses: {'200': {description: OK}}
            """#,
            [
                "openapi.yaml:7:7: warning: GET /a has a 'requestBody', which many clients, proxies and servers drop for GET; send the data as parameters or use POST [request-body-on-get]"
            ]),
        LintCase(
            "undeclared-security-scheme", "a requirement naming no scheme",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  security: [{bearer: []}]
                  responses: {'200': {description: OK}}
            components:
              securitySchemes:
                Bearer: {type: http, scheme: bearer}
            """#,
            [
                "openapi.yaml:7:19: error: security requirement names unknown scheme 'bearer'; did you mean 'Bearer'? [undeclared-security-scheme]"
            ]),
        LintCase(
            "unused-component", "a schema nothing references",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  responses: {'200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Used'}}}}}
            components:
              schemas:
                Used: {type: string}
                Unused: {$ref: '#/components/schemas/Used'}
            """#,
            [
                "openapi.yaml:11:5: warning: component schema 'Unused' is never referenced; reference it with $ref or remove it [unused-component]"
            ]),
        LintCase(
            "undeclared-tag", "a tag missing from the top-level list",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            tags: [{name: tasks}]
            paths:
              /a:
                get: {operationId: a, tags: [tasks, task], responses: {'200': {description: OK}}}
            """#,
            [
                "openapi.yaml:6:41: warning: tag 'task' is not declared in the top-level 'tags'; did you mean 'tasks'? [undeclared-tag]"
            ]),
        LintCase(
            "unused-tag", "a declared tag no operation uses",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            tags: [{name: tasks}, {name: users}]
            paths:
              /a:
                get: {operationId: a, tags: [tasks], responses: {'200': {description: OK}}}
            """#,
            [
                "openapi.yaml:3:30: warning: tag 'users' is declared but no operation uses it; tag an operation with it or remove it [unused-tag]"
            ]),
        LintCase(
            "info-title", "info without title",
            #"""
            openapi: 3.1.0
            info: {version: '1'}
            paths: {}
            """#,
            [
                "openapi.yaml:2:1: warning: 'info' has no 'title'; add 'title: <the API's name>' [info-title]"
            ]),
        LintCase(
            "info-version", "info without version",
            #"""
            openapi: 3.1.0
            info: {title: T}
            paths: {}
            """#,
            [
                "openapi.yaml:2:1: warning: 'info' has no 'version'; add 'version: 1.0.0' (the API's version, quoted if it looks like a number) [info-version]"
            ]),
        LintCase(
            "server-trailing-slash", "a server url ending in a slash",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            servers: [{url: 'https://api.example.com/v1/'}]
            paths: {}
            """#,
            [
                "openapi.yaml:3:17: warning: server url 'https://api.example.com/v1/' ends with '/', so every path ('/tasks') would follow a double slash; write 'url: https://api.example.com/v1' [server-trailing-slash]"
            ]),
        LintCase(
            "lint-config", "a disabled rule that does not exist",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            x-openapi-gen-lint: {disable: [unused-componnet]}
            paths: {}
            """#,
            [
                "openapi.yaml:3:32: warning: 'unused-componnet' is no lint rule; did you mean 'unused-component'? [lint-config]"
            ]),
    ]
}
