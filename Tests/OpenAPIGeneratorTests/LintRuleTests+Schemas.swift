extension LintRuleTests {
    /// Rules about schemas: types, keywords, enums, defaults and examples, bounds, formats.
    static let schemaCases: [LintCase] = [
        LintCase(
            "unknown-type", "a type from another language, with type and format to write",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: long}
            """#,
            [
                "openapi.yaml:6:15: error: unknown type 'long'; write 'type: integer, format: int64' [unknown-type]"
            ]),
        LintCase(
            "unknown-type", "an array written as in TypeScript",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: 'string[]'}
            """#,
            [
                "openapi.yaml:6:15: error: unknown type 'string[]'; write 'type: array, items: {type: string}' [unknown-type]"
            ]),
        LintCase(
            "required-list", "required: true on a property",
            #"""
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A:
                  type: object
                  properties:
                    id: {type: string, required: true}
            """#,
            [
                "openapi.yaml:9:38: error: 'required: true' on a property does nothing; list the property's name in its parent object's 'required: [...]' [required-list]"
            ]),
        LintCase(
            "nullable-in-3-1", "nullable in a 3.1 document",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, nullable: true}
            """#,
            [
                "openapi.yaml:6:23: warning: 'nullable' is OpenAPI 3.0; in 3.1 write 'type: [string, \"null\"]' [nullable-in-3-1]"
            ]),
        LintCase(
            "exclusive-bound-3-1", "a 3.0 boolean exclusiveMinimum in 3.1",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: integer, minimum: 0, exclusiveMinimum: true}
            """#,
            [
                "openapi.yaml:6:54: warning: boolean 'exclusiveMinimum' is OpenAPI 3.0; in 3.1 it is the bound itself: write 'exclusiveMinimum: N' instead of 'minimum: N' [exclusive-bound-3-1]"
            ]),
        LintCase(
            "unsupported-keyword", "a keyword the generator does not enforce",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: object, minProperties: 1}
            """#,
            [
                "openapi.yaml:6:23: warning: 'minProperties' is not supported by this generator; it is not enforced [unsupported-keyword]"
            ]),
        LintCase(
            "misspelled-keyword", "a schema keyword in the wrong case",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, maxlength: 3}
            """#,
            [
                "openapi.yaml:6:23: warning: 'maxlength' is not a keyword of a schema and is ignored; did you mean 'maxLength'? [misspelled-keyword]"
            ]),
        LintCase(
            "misspelled-keyword", "a typo in a schema keyword",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A:
                  type: object
                  requird: [id]
                  properties: {id: {type: string}}
            """#,
            [
                "openapi.yaml:8:7: warning: 'requird' is not a keyword of a schema and is ignored; did you mean 'required'? [misspelled-keyword]"
            ]),
        LintCase(
            "misspelled-keyword", "a typo in an operation keyword",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  descripton: Lists.
                  responses: {'200': {description: OK}}
            """#,
            [
                "openapi.yaml:7:7: warning: 'descripton' is not a keyword of an operation and is ignored; did you mean 'description'? [misspelled-keyword]"
            ]),
        LintCase(
            "misspelled-keyword", "two letters swapped",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, fromat: date}
            """#,
            [
                "openapi.yaml:6:23: warning: 'fromat' is not a keyword of a schema and is ignored; did you mean 'format'? [misspelled-keyword]"
            ]),
        LintCase(
            "ref-siblings", "siblings of $ref in 3.0",
            #"""
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string}
                B:
                  type: object
                  properties:
                    a: {$ref: '#/components/schemas/A', maxLength: 3}
            """#,
            [
                "openapi.yaml:10:45: warning: 'maxLength' beside '$ref' is ignored (OpenAPI 3.0 ignores every key beside '$ref'); write 'allOf: [{$ref: ...}, {maxLength: ...}]' [ref-siblings]"
            ]),
        LintCase(
            "ref-siblings", "a validation keyword beside a schema $ref in 3.1",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string}
                B:
                  type: object
                  properties:
                    a: {$ref: '#/components/schemas/A', description: fine, maxLength: 3}
            """#,
            [
                "openapi.yaml:10:64: warning: 'maxLength' beside '$ref' is ignored (this generator reads only annotations there); write 'allOf: [{$ref: ...}, {maxLength: ...}]' [ref-siblings]"
            ]),
        LintCase(
            "enum-type-mismatch", "a number in a string enum",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, enum: [a, 1]}
            """#,
            [
                "openapi.yaml:6:33: warning: enum value 1 is an integer, not string; quote it: '1' [enum-type-mismatch]"
            ]),
        LintCase(
            "enum-duplicate", "a value listed twice",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, enum: [a, b, a]}
            """#,
            [
                "openapi.yaml:6:36: warning: enum value 'a' is listed twice (first at line 6); drop one [enum-duplicate]"
            ]),
        LintCase(
            "invalid-default", "a default outside the enum",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, enum: [low, high], default: medium}
            """#,
            [
                "openapi.yaml:6:51: warning: the default does not match its schema: 'medium' is not one of the enum values ('low', 'high') [invalid-default]"
            ]),
        LintCase(
            "invalid-default", "a default longer than maxLength",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, maxLength: 3, default: abcd}
            """#,
            [
                "openapi.yaml:6:46: warning: the default does not match its schema: 'abcd' is 4 characters long, more than maxLength 3 [invalid-default]"
            ]),
        LintCase(
            "invalid-example", "a schema example of the wrong type, pointed at in the value",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A:
                  type: object
                  properties:
                    n: {type: integer, minimum: 1}
                  example: {n: 0}
            """#,
            [
                "openapi.yaml:10:20: warning: the example does not match its schema: at 'n': 0 is below the minimum 1 [invalid-example]"
            ]),
        LintCase(
            "invalid-example", "a media type example missing a required property",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  responses:
                    '200':
                      description: OK
                      content:
                        application/json:
                          schema: {type: object, required: [id], properties: {id: {type: string}}}
                          example: {name: x}
            """#,
            [
                "openapi.yaml:13:24: warning: the example of 'application/json' does not match its schema: the required property 'id' is missing [invalid-example]"
            ]),
        LintCase(
            "invalid-example", "a parameter example against its pattern",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  parameters:
                    - {name: q, in: query, schema: {type: string, pattern: '^[a-z]+$'}, example: ABC}
                  responses: {'200': {description: OK}}
            """#,
            [
                "openapi.yaml:8:86: warning: the example of parameter 'q' does not match its schema: 'ABC' does not match the pattern ^[a-z]+$ [invalid-example]"
            ]),
        LintCase(
            "min-greater-than-max", "minLength above maxLength",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, minLength: 5, maxLength: 2}
            """#,
            [
                "openapi.yaml:6:23: error: 'minLength: 5' is greater than 'maxLength: 2', so no value is valid; swap them [min-greater-than-max]"
            ]),
        LintCase(
            "array-items", "an array without items",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: array}
            """#,
            [
                "openapi.yaml:6:9: warning: an array schema needs 'items' to say what it holds; add 'items: {type: string}' (or the element's schema) [array-items]"
            ]),
        LintCase(
            "properties-on-non-object", "properties on a string",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A:
                  type: string
                  properties: {a: {type: string}}
            """#,
            [
                "openapi.yaml:8:7: warning: 'properties' on a schema of type 'string' never applies; write 'type: object' or drop 'properties' [properties-on-non-object]"
            ]),
        LintCase(
            "required-property-undefined", "a required name that is not a property",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A:
                  type: object
                  required: [nmae]
                  properties: {name: {type: string}}
            """#,
            [
                "openapi.yaml:8:7: warning: required property 'nmae' is not declared in 'properties', so it is not checked; did you mean 'name'? [required-property-undefined]"
            ]),
        LintCase(
            "format-type-mismatch", "int64 on a string",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, format: int64}
            """#,
            [
                "openapi.yaml:6:31: warning: format 'int64' is for integers, not string; write 'type: integer, format: int64' or drop the format [format-type-mismatch]"
            ]),
        LintCase(
            "unknown-format", "a near miss of a well-known format",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, format: datetime}
            """#,
            [
                "openapi.yaml:6:31: warning: 'datetime' is no well-known format, so no tool checks it; write 'type: string, format: date-time' [unknown-format]"
            ]),
        LintCase(
            "read-write-only", "readOnly and writeOnly both true",
            #"""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A: {type: string, readOnly: true, writeOnly: true}
            """#,
            [
                "openapi.yaml:6:39: warning: 'readOnly' and 'writeOnly' are both true, so the value is never sent nor received; keep one [read-write-only]"
            ]),
    ]
}
