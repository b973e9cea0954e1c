import Foundation
import OpenAPIDiff
import Testing

/// Operations, parameters, bodies, statuses and security: what a client calls and with which credentials.
@Suite("openapi-gen diff: operations")
struct OperationDiffTests {
    static let putBlock = """
            put:
              operationId: putItem
              security: [{bearer: []}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/ItemInput'}
              responses:
                '204': {description: done}

        """

    @Test func anUnchangedSpecHasNoFindings() throws {
        #expect(diff(base, base).isEmpty)
        let spec = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let result = SpecDiff.compare(old: spec, new: spec)
        #expect(result.problems.isEmpty)
        #expect(result.findings.isEmpty)
        #expect(result.oldVersion == result.newVersion && !result.oldVersion.isEmpty)
    }

    @Test func aRemovedOperationBreaksAndANewOneIsAdditive() throws {
        let without = edited((Self.putBlock, ""))
        #expect(try single(diff(base, without)) == Finding(.breaking, "PUT /items/{id}", "operation removed", old: at(17, "put"), new: at(6, "get")))
        #expect(
            try single(diff(without, base))
                == Finding(.additive, "PUT /items/{id}", "operation added", old: at(6, "get", in: without), new: at(17, "put")))
    }

    @Test func aRemovedPathPointsAtPathsAndRenamedPathParametersMatch() throws {
        let moved = edited(("/items/{id}:", "/things/{id}:"))
        let breaking = diff(base, moved).filter { $0.kind == .breaking }
        #expect(breaking.map(\.subject) == ["GET /items/{id}", "PUT /items/{id}"])
        #expect(breaking.allSatisfy { $0.new == at(3, "paths") })
        let renamed = edited(("/items/{id}:", "/items/{itemId}:"), ("{name: id,", "{name: itemId,"))
        #expect(diff(base, renamed).isEmpty)
    }

    @Test func parametersRemovedOrNewlyRequiredBreak() throws {
        let subject = "GET /items/{id} parameter 'q' (query)"
        let removed = edited(("        - {name: q, in: query, schema: {type: string, maxLength: 10}}\n", ""))
        #expect(try single(diff(base, removed)) == Finding(.breaking, subject, "parameter removed", old: at(9, "{name: q"), new: at(6, "get")))
        let required = edited(("{name: q, in: query,", "{name: q, in: query, required: true,"))
        #expect(try single(diff(base, required)) == Finding(.breaking, subject, "became required", old: at(9, "{name: q"), new: at(9, "{name: q")))
        #expect(try single(diff(required, base)).kind == .additive)
    }

    @Test func aNewParameterBreaksOnlyWhenRequired() throws {
        let line = "        - {name: q, in: query, schema: {type: string, maxLength: 10}}\n"
        let mandatory = edited((line, line + "        - {name: X-R, in: header, required: true, schema: {type: string}}\n"))
        #expect(
            try single(diff(base, mandatory))
                == Finding(
                    .breaking, "GET /items/{id} parameter 'X-R' (header)", "new required parameter", old: at(6, "get"),
                    new: at(10, "{name: X-R", in: mandatory)))
        let optional = edited((line, line + "        - {name: r, in: query, schema: {type: string}}\n"))
        #expect(
            try single(diff(base, optional))
                == Finding(
                    .additive, "GET /items/{id} parameter 'r' (query)", "new optional parameter", old: at(6, "get"),
                    new: at(10, "{name: r", in: optional)))
    }

    @Test func aParameterBoundTightenedBreaksAndLoosenedIsAdditive() throws {
        let subject = "GET /items/{id} parameter 'q' (query)"
        let tighter = edited(("maxLength: 10}", "maxLength: 5}"))
        #expect(
            try single(diff(base, tighter))
                == Finding(.breaking, subject, "maxLength lowered from 10 to 5", old: at(9, "maxLength"), new: at(9, "maxLength")))
        let looser = edited(("maxLength: 10}", "maxLength: 20}"))
        #expect(
            try single(diff(base, looser))
                == Finding(.additive, subject, "maxLength raised from 10 to 20", old: at(9, "maxLength"), new: at(9, "maxLength")))
    }

    @Test func aRemovedStatusBreaksAndANewOneIsAdditive() throws {
        let without = edited(("        '404': {description: no}\n", ""))
        #expect(
            try single(diff(base, without))
                == Finding(.breaking, "GET /items/{id} response 404", "status removed", old: at(16, "'404'"), new: at(6, "get")))
        #expect(
            try single(diff(without, base))
                == Finding(.additive, "GET /items/{id} response 404", "status added", old: at(6, "get", in: without), new: at(16, "'404'")))
    }

    @Test func securityAddedOrChangedBreaksAndRemovedIsAdditive() throws {
        let secured = edited(("operationId: getItem\n", "operationId: getItem\n      security: [{bearer: []}]\n"))
        #expect(
            try single(diff(base, secured))
                == Finding(
                    .breaking, "GET /items/{id}", "security changed from none to bearer", old: at(6, "get"), new: at(6, "get")))
        let open = edited(("      security: [{bearer: []}]\n", ""))
        #expect(
            try single(diff(base, open))
                == Finding(.additive, "PUT /items/{id}", "security changed from bearer to none", old: at(17, "put"), new: at(17, "put")))
        let basic = edited(("bearer: {type: http, scheme: bearer}", "bearer: {type: http, scheme: basic}"))
        #expect(
            try single(diff(base, basic))
                == Finding(
                    .breaking, "security scheme 'bearer'", "changed from HTTP bearer to HTTP basic", old: at(29, "bearer"), new: at(29, "bearer")))
    }

    @Test func aRemovedMediaTypeBreaksAndARequiredBodyThatBecomesOptionalIsAdditive() throws {
        let xml = edited(
            (
                "      application/json:\n            schema: {$ref: '#/components/schemas/ItemInput'}",
                "      application/xml:\n            schema: {$ref: '#/components/schemas/ItemInput'}"
            ))
        let subject = "PUT /items/{id} request body"
        #expect(
            diff(base, xml) == [
                Finding(.breaking, subject, "media type 'application/json' removed", old: at(23, "application/json"), new: at(21, "required")),
                Finding(.additive, subject, "media type 'application/xml' added", old: at(21, "required"), new: at(23, "application/xml", in: xml)),
            ])
        let optional = edited(("requestBody:\n        required: true", "requestBody:\n        required: false"))
        #expect(try single(diff(base, optional)) == Finding(.additive, subject, "became optional", old: at(21, "required"), new: at(21, "required")))
        #expect(try single(diff(optional, base)).kind == .breaking)
    }
}
