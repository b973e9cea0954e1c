import Foundation
import OpenAPIDiff
import Testing
import YAMLTree

/// A place in a spec (Swift Testing has a `SourceLocation` of its own).
typealias SpecLocation = YAMLTree.SourceLocation

/// A small spec every test edits: one path (its path parameter shared) with a GET (a query parameter, a response object) and a secured PUT
/// (a request object). Line numbers matter: tests find expected places by line and token.
let base = """
    openapi: 3.1.0
    info: {title: T, version: 1.0.0}
    paths:
      /items/{id}:
        parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
        get:
          operationId: getItem
          parameters:
            - {name: q, in: query, schema: {type: string, maxLength: 10}}
          responses:
            '200':
              description: ok
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Item'}
            '404': {description: no}
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
    components:
      securitySchemes:
        bearer: {type: http, scheme: bearer}
      schemas:
        Item:
          type: object
          required: [id, name]
          properties:
            id: {type: integer}
            name: {type: string}
            kind: {type: string, enum: [a, b]}
        ItemInput:
          type: object
          required: [name]
          properties:
            name: {type: string, minLength: 1, maxLength: 50}
            note: {type: [string, 'null']}
            kind: {type: string, enum: [a, b]}
    """

/// `text` with each `(from, to)` replaced once; a `from` that is not there fails the test (or it could pass vacuously).
func edited(_ edits: (String, String)..., sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    edited(base, edits, sourceLocation: sourceLocation)
}

func edited(_ text: String, _ edits: (String, String)..., sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    edited(text, edits, sourceLocation: sourceLocation)
}

func edited(_ text: String, _ edits: [(String, String)], sourceLocation: Testing.SourceLocation) -> String {
    var result = text
    for (from, to) in edits {
        guard let range = result.range(of: from) else {
            Issue.record("the spec has no '\(from)' to edit", sourceLocation: sourceLocation)
            continue
        }
        result.replaceSubrange(range, with: to)
    }
    return result
}

/// Where `token` starts on 1-based `line` of `text`; (0, 0) and a failure when it is not there.
func at(_ line: Int, _ token: String, in text: String = base, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SpecLocation {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.indices.contains(line - 1), let range = lines[line - 1].range(of: token) else {
        Issue.record("line \(line) has no '\(token)'", sourceLocation: sourceLocation)
        return SpecLocation(line: 0, column: 0)
    }
    return SpecLocation(line: line, column: lines[line - 1].distance(from: lines[line - 1].startIndex, to: range.lowerBound) + 1)
}

/// The findings of `old` -> `new`; a spec that does not read fails the test.
func diff(_ old: String = base, _ new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Finding] {
    let result = SpecDiff.compare(old: old, new: new)
    #expect(result.problems.isEmpty, "\(result.problems)", sourceLocation: sourceLocation)
    return result.findings
}

/// The one finding there should be.
func single(_ findings: [Finding], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Finding {
    #expect(findings.count == 1, "\(findings)", sourceLocation: sourceLocation)
    return try #require(findings.first, sourceLocation: sourceLocation)
}

/// The package root, found from this file, so tests run from any directory.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
