import Foundation
import OpenAPIDiff
import Testing

/// Schemas judged by direction: requests break when they accept less, answers when they may hold more.
@Suite("openapi-gen diff: schemas")
struct SchemaDiffTests {
    static let request = "PUT /items/{id} request body"
    static let response = "GET /items/{id} response 200"
    static let inputKind = "note: {type: [string, 'null']}\n        kind: {type: string, enum: [a, b]}"

    @Test func requestFieldsRemovedOrNewlyRequiredBreak() throws {
        let noteLine = "        note: {type: [string, 'null']}\n"
        let removed = edited((noteLine, ""))
        #expect(
            try single(diff(base, removed))
                == Finding(
                    .breaking, Self.request, "property 'note' removed", old: at(43, "{type: [string"), new: at(41, "properties")))
        let required = edited(("required: [name]", "required: [name, note]"))
        #expect(
            try single(diff(base, required))
                == Finding(
                    .breaking, Self.request, "property 'note' became required", old: at(40, "required"), new: at(40, "required")))
        let newOptional = edited((noteLine, noteLine + "        size: {type: integer}\n"))
        #expect(
            try single(diff(base, newOptional))
                == Finding(
                    .additive, Self.request, "new optional property 'size'", old: at(41, "properties"),
                    new: at(44, "{type: integer}", in: newOptional)))
        let newRequired = edited((noteLine, noteLine + "        size: {type: integer}\n"), ("required: [name]", "required: [name, size]"))
        #expect(try single(diff(base, newRequired)).change == "new required property 'size'")
        #expect(try single(diff(base, newRequired)).kind == .breaking)
    }

    @Test func requestBoundsFormatsAndPatternsThatTightenBreak() throws {
        let subject = Self.request + " $.name"
        let original = "{type: string, minLength: 1, maxLength: 50}"
        let lower = edited((original, "{type: string, minLength: 1, maxLength: 40}"))
        #expect(
            try single(diff(base, lower))
                == Finding(.breaking, subject, "maxLength lowered from 50 to 40", old: at(42, "maxLength"), new: at(42, "maxLength")))
        let raisedMinimum = edited((original, "{type: string, minLength: 2, maxLength: 50}"))
        #expect(try single(diff(base, raisedMinimum)).change == "minLength raised from 1 to 2")
        #expect(try single(diff(raisedMinimum, base)).kind == .additive)
        let patterned = edited((original, "{type: string, minLength: 1, maxLength: 50, pattern: '^[a-z]+$'}"))
        #expect(
            try single(diff(base, patterned))
                == Finding(
                    .breaking, subject, "pattern '^[a-z]+$' added", old: at(42, "{type: string, minLength"), new: at(42, "pattern", in: patterned)))
        let email = edited((original, "{type: string, format: email, minLength: 1, maxLength: 50}"))
        #expect(
            try single(diff(base, email))
                == Finding(
                    .breaking, subject, "format 'email' added", old: at(42, "{type: string, minLength"), new: at(42, "format", in: email)))
        #expect(try single(diff(email, base)).kind == .additive)
    }

    @Test func requestEnumsBreakWhenTheyLoseAValue() throws {
        let subject = Self.request + " $.kind"
        let fewer = edited((Self.inputKind, "note: {type: [string, 'null']}\n        kind: {type: string, enum: [a]}"))
        #expect(try single(diff(base, fewer)) == Finding(.breaking, subject, "enum value ['b'] removed", old: at(44, "enum"), new: at(44, "enum")))
        let more = edited((Self.inputKind, "note: {type: [string, 'null']}\n        kind: {type: string, enum: [a, b, c]}"))
        #expect(try single(diff(base, more)) == Finding(.additive, subject, "enum value ['c'] added", old: at(44, "enum"), new: at(44, "enum")))
    }

    /// Generated clients (ours among them) decode an enum into a closed Swift enum: a new value fails to decode.
    @Test func responseEnumsBreakWhenTheyGainAValue() throws {
        let subject = Self.response + " $.kind"
        let more = edited(("kind: {type: string, enum: [a, b]}", "kind: {type: string, enum: [a, b, c]}"))
        #expect(try single(diff(base, more)) == Finding(.breaking, subject, "enum value ['c'] added", old: at(37, "enum"), new: at(37, "enum")))
        #expect(try single(diff(more, base)).kind == .additive)
    }

    @Test func responseFieldsRemovedOptionalOrNullableBreak() throws {
        let removed = edited(("        kind: {type: string, enum: [a, b]}\n    ItemInput", "    ItemInput"))
        #expect(
            try single(diff(base, removed))
                == Finding(
                    .breaking, Self.response, "property 'kind' removed", old: at(37, "{type: string, enum"), new: at(34, "properties")))
        let optional = edited(("required: [id, name]", "required: [id]"))
        #expect(
            try single(diff(base, optional))
                == Finding(
                    .breaking, Self.response, "property 'name' became optional", old: at(33, "required"), new: at(33, "required")))
        let nullable = edited(("name: {type: string}", "name: {type: [string, 'null']}"))
        #expect(
            try single(diff(base, nullable))
                == Finding(
                    .breaking, Self.response + " $.name", "became nullable", old: at(36, "type"), new: at(36, "type")))
        let widened = edited(("id: {type: integer}", "id: {type: number}"))
        #expect(
            try single(diff(base, widened))
                == Finding(
                    .breaking, Self.response + " $.id", "type widened: integer -> number", old: at(35, "type"), new: at(35, "type")))
        let extra = edited(("        name: {type: string}\n", "        name: {type: string}\n        size: {type: integer}\n"))
        #expect(try single(diff(base, extra)).description == "additive: \(Self.response): new optional property 'size'")
    }

    @Test func aRequestFieldNoLongerNullableBreaks() throws {
        let strict = edited(("note: {type: [string, 'null']}", "note: {type: string}"))
        #expect(
            try single(diff(base, strict))
                == Finding(.breaking, Self.request + " $.note", "no longer nullable", old: at(43, "type"), new: at(43, "type")))
    }

    static let tree = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /tree:
            get:
              operationId: tree
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Node'}
        components:
          schemas:
            Node:
              type: object
              properties:
                label: {type: string, maxLength: 10}
                children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        """

    @Test func recursiveSchemasAreComparedOnce() throws {
        let longer = edited(Self.tree, ("maxLength: 10", "maxLength: 20"))
        #expect(
            try single(diff(Self.tree, longer))
                == Finding(
                    .breaking, "GET /tree response 200 $.label", "maxLength raised from 10 to 20", old: at(18, "maxLength", in: Self.tree),
                    new: at(18, "maxLength", in: longer)))
    }

    static let allOf = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /tasks:
            post:
              operationId: create
              requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Create'}}}}
              responses: {'201': {description: ok}}
            put:
              operationId: replace
              requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Update'}}}}
              responses: {'200': {description: ok}}
        components:
          schemas:
            Fields:
              type: object
              properties:
                title: {type: string, maxLength: 200}
            Create:
              allOf:
                - $ref: '#/components/schemas/Fields'
                - type: object
                  required: [title]
            Update:
              allOf:
                - $ref: '#/components/schemas/Fields'
        """

    @Test func allOfMembersAreFoldedAndASharedChangeIsReportedOnce() throws {
        let shorter = edited(Self.allOf, ("maxLength: 200", "maxLength: 100"))
        #expect(
            try single(diff(Self.allOf, shorter))
                == Finding(
                    .breaking, "POST /tasks request body $.title (and 1 more place)", "maxLength lowered from 200 to 100",
                    old: at(18, "maxLength", in: Self.allOf), new: at(18, "maxLength", in: shorter)))
        let optional = edited(Self.allOf, ("required: [title]", "required: []"))
        #expect(try single(diff(Self.allOf, optional)).change == "property 'title' became optional")
        #expect(try single(diff(Self.allOf, optional)).kind == .additive)
    }

    /// `allOf` members that name each other (twice each, so a walk without memory doubles at every level) end.
    @Test func allOfCyclesEnd() throws {
        let cyclic = edited(
            Self.allOf,
            (
                """
                    Update:
                      allOf:
                        - $ref: '#/components/schemas/Fields'
                """,
                """
                    Update:
                      allOf:
                        - $ref: '#/components/schemas/Fields'
                        - $ref: '#/components/schemas/Update'
                        - $ref: '#/components/schemas/Loop'
                        - $ref: '#/components/schemas/Loop'
                    Loop:
                      allOf: [{$ref: '#/components/schemas/Update'}, {$ref: '#/components/schemas/Update'}, {$ref: '#/components/schemas/Loop'}]
                """
            ))
        let shorter = edited(cyclic, ("maxLength: 200", "maxLength: 100"))
        #expect(try single(diff(cyclic, shorter)).change == "maxLength lowered from 200 to 100")
    }
}
