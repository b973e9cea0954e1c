import Testing

@Suite("Schemas: YAML in, Swift out")
struct SchemaSnippetTests {
    @Test func objectWithWireNamesRequiredOptionalAndNullable() {
        let (code, diagnostics) = generate(
            document(
                schemas: """
                    Task:
                      description: A thing to do.
                      type: object
                      required: [id, created_at, note]
                      properties:
                        id: {type: integer, format: int64}
                        created_at: {type: string, format: date-time}
                        note: {type: [string, 'null']}
                        tag: {type: string}
                        description: {type: [string, 'null'], maxLength: 10}
                    """))
        #expect(diagnostics.isEmpty)
        expectContains(code, "/// A thing to do.")
        expectContains(code, "- Remark: Generated from `#/components/schemas/Task` (openapi.yaml:7:7).")
        // `Task` would shadow Swift concurrency's `Task`: the generated name steps aside.
        expectContains(code, "public struct TaskSchema: Hashable, Sendable, JSONValueCodable {")
        expectContains(code, "public var id: Int64")
        expectContains(code, "public var createdAt: Date")
        expectContains(code, "public var note: String?")
        expectContains(code, "public var tag: String?")
        // Optional and nullable: the handler sees absent, null and a value apart.
        expectContains(code, "public var description: Field<String>")
        expectContains(code, #"out.member("created_at", self.createdAt)"#)
        // No `jsonValue` of its own: JSONValueCodable reads back what `writeJSON` writes.
        #expect(!code.contains("public var jsonValue: JSONValue {\n        var object"))
        expectContains(code, #"let _description = Check.field(object, "description", at: loc, &ctx, String.self, StringRules(maxLength: 10))"#)
        // A required nullable member is always written, as null when nil.
        expectContains(code, #"out.member("note", self.note)"#)
        expectContains(code, #"out.member("tag", ifPresent: self.tag)"#)
    }

    @Test func openAPI30NullableAndExclusiveBounds() {
        let (code, diagnostics) = generate(
            document(
                schemas: """
                    Reading:
                      type: object
                      required: [value]
                      properties:
                        value: {type: number, nullable: true, minimum: 0, exclusiveMinimum: true, maximum: 10, multipleOf: 0.5}
                    """, version: "3.0.3"))
        #expect(diagnostics.isEmpty)
        expectContains(code, "public var value: Double?")
        expectContains(code, #"NumberRules(maximum: 10, exclusiveMinimum: 0, multipleOf: "0.5")"#)
    }

    @Test func boundsKeepTheirExactText() {
        let (code, diagnostics) = generate(
            document(
                schemas: """
                    Limits:
                      type: object
                      properties:
                        big: {type: integer, format: int64, minimum: -9223372036854775808, maximum: 9223372036854775807}
                        huge: {type: number, maximum: 18446744073709551616}
                        half: {type: number, multipleOf: 0.5, exclusiveMaximum: 1e3}
                    """))
        #expect(diagnostics.isEmpty)
        expectContains(code, "NumberRules(minimum: -9223372036854775808, maximum: 9223372036854775807)")
        expectContains(code, #"NumberRules(maximum: "18446744073709551616")"#)
        expectContains(code, #"NumberRules(exclusiveMaximum: "1e3", multipleOf: "0.5")"#)
    }

    @Test func defaultsReadOnlyAndWriteOnly() {
        let (code, _) = generate(
            document(
                schemas: """
                    Account:
                      type: object
                      required: [id, password]
                      properties:
                        id: {type: integer, readOnly: true}
                        password: {type: string, writeOnly: true, minLength: 8}
                        limit: {type: integer, default: 100}
                        mode: {$ref: '#/components/schemas/Mode'}
                        level: {type: string, enum: [low, high], default: high}
                    Mode: {type: string, enum: [fast, slow-ish], default: fast}
                    """))
        // readOnly and required, in a type no request carries: required (see ReadOnlySnippetTests).
        expectContains(code, "public var id: Int")
        expectContains(code, #"Check.required(object, "id", at: loc, &ctx, Int.self)"#)
        // writeOnly: required in a request, never written into a response.
        expectContains(code, "public var password: String")
        #expect(!squeezed(code).contains(#"object.append("password""#))
        expectContains(code, #"Check.defaulted(object, "limit", 100, at: loc, &ctx, Int.self)"#)
        expectContains(code, "public var limit: Int")
        expectContains(code, #"Check.defaulted(object, "mode", .fast, at: loc, &ctx, Mode.self)"#)
        expectContains(code, #"case slowIsh = "slow-ish""#)
        expectContains(code, #"Check.defaulted(object, "level", .high, at: loc, &ctx, Account.Level.self)"#)
    }

    @Test func enumsArraysDictionariesAndClosedObjects() {
        let (code, diagnostics) = generate(
            document(
                schemas: """
                    Priority: {type: integer, enum: [1, 2, 3]}
                    Labels:
                      type: object
                      additionalProperties: {type: string}
                    Closed:
                      type: object
                      additionalProperties: false
                      properties:
                        ids: {type: array, items: {type: string, format: uuid}, minItems: 1, maxItems: 5, uniqueItems: true}
                        any: {}
                    """))
        #expect(diagnostics.isEmpty)
        expectContains(
            code,
            "public enum Priority: Int, Codable, Hashable, Sendable, CaseIterable, JSONValueDecodable, JSONValueEncodable { case value1 = 1 case value2 = 2 case value3 = 3 }"
        )
        expectContains(code, "public typealias Labels = [String: String]")
        expectContains(code, "public var ids: [UUID]?")
        expectContains(code, "ArrayRules(minItems: 1, maxItems: 5, uniqueItems: true)")
        expectContains(code, "public var any: JSONValue?")
        expectContains(code, #"Check.noAdditionalProperties(object, allowed: ["ids", "any"], at: loc, &ctx)"#)
    }

    @Test func allOfMergesMembers() {
        let (code, diagnostics) = generate(
            document(
                schemas: """
                    Base:
                      type: object
                      required: [id]
                      properties:
                        id: {type: integer}
                    Named:
                      allOf:
                        - $ref: '#/components/schemas/Base'
                        - type: object
                          required: [name]
                          properties:
                            name: {type: string}
                    """))
        #expect(diagnostics.isEmpty)
        expectContains(
            code,
            "public struct Named: Hashable, Sendable, JSONValueCodable { public var id: Int public var name: String")
    }

    @Test func oneOfWithDiscriminatorAndAnyOfWithout() {
        let (code, diagnostics) = generate(
            document(
                schemas: """
                    Cat: {type: object, required: [kind], properties: {kind: {type: string}, lives: {type: integer}}}
                    Dog: {type: object, required: [kind], properties: {kind: {type: string}}}
                    Pet:
                      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
                      discriminator:
                        propertyName: kind
                        mapping: {cat: '#/components/schemas/Cat'}
                    IdOrName:
                      anyOf: [{type: integer}, {type: string}]
                    """))
        #expect(diagnostics.isEmpty)
        expectContains(
            code, "public indirect enum Pet: Hashable, Sendable, JSONValueCodable { case cat(Cat) case dog(Dog)")
        expectContains(code, #"Check.discriminated(json, property: "kind", tags: ["cat", "Dog"], at: loc, &ctx)"#)
        expectContains(code, "public indirect enum IdOrName")
        expectContains(code, "case case1(Int) case case2(String)")
        expectContains(code, "return Check.firstMatch(json, at: loc, &ctx, [")
    }

    @Test func codableDecodingFollowsTheTag() {
        let (code, diagnostics) = generate(
            document(
                schemas: """
                    Node: {type: object, required: [type], properties: {type: {type: string}, children: {type: array, items: {}}}}
                    Link: {type: object, required: [type, url], properties: {type: {type: string}, url: {type: string}}}
                    Entry:
                      oneOf: [{$ref: '#/components/schemas/Node'}, {$ref: '#/components/schemas/Link'}]
                      discriminator:
                        propertyName: type
                        mapping: {node: '#/components/schemas/Node', link: '#/components/schemas/Link'}
                    """))
        #expect(diagnostics.isEmpty)
        // No decoder of its own for Codable: `JSONValueCodable` runs this one, so the tag picks the alternative in both.
        expectContains(code, #"return Check.discriminated(json, property: "type", tags: ["node", "link"], at: loc, &ctx)"#)
        #expect(!squeezed(code).contains("init(from decoder"))
        #expect(!squeezed(code).contains("CodingKeys"))
    }

    @Test func recursiveSchemasAreBoxed() {
        let (code, diagnostics) = generate(
            document(
                schemas: """
                    Node:
                      type: object
                      properties:
                        parent: {$ref: '#/components/schemas/Node'}
                        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
                    """))
        #expect(diagnostics.isEmpty)
        expectContains(code, "public var parent: Box<Node>?")
        // Through an array the type already has a finite size: no box.
        expectContains(code, "public var children: [Node]?")
    }

    @Test func anchorsAliasesAndMergeKeys() {
        let (code, diagnostics) = generate(
            document(
                schemas: """
                    Base: &base
                      type: object
                      properties:
                        name: &name {type: string, minLength: 1}
                    Extended:
                      <<: *base
                      required: [name, nick]
                      properties:
                        name: *name
                        nick: *name
                    """))
        #expect(diagnostics.isEmpty)
        expectContains(code, "public struct Extended")
        expectContains(code, #"let _nick = Check.required(object, "nick", at: loc, &ctx, String.self, StringRules(minLength: 1))"#)
    }

    @Test func jsonWrittenAsYAMLAndBigIntegersStayExact() {
        let spec = """
            {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
             "components": {"schemas": {"Big": {"type": "object", "properties": {
               "n": {"type": "integer", "maximum": 9223372036854775807, "minimum": -9223372036854775808}}}}}}
            """
        let (code, diagnostics) = generate(spec)
        #expect(diagnostics.isEmpty)
        expectContains(code, "NumberRules(minimum: -9223372036854775808, maximum: 9223372036854775807)")
    }

    @Test func multiLineDescriptionsBecomeDocComments() {
        let (code, _) = generate(
            document(
                schemas: """
                    Note:
                      type: object
                      description: |
                        First line.
                        Second line with "quotes" and */ inside.
                      properties:
                        text: {type: string}
                    """))
        expectContains(code, "/// First line.\n/// Second line with \"quotes\" and */ inside.")
    }
}
