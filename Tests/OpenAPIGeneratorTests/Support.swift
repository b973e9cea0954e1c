import Foundation
import OpenAPIGenerator
import OpenAPIModel
import Testing

/// A minimal 3.1 document around `schemas` (indented YAML under `components.schemas`) and `paths`.
func document(schemas: String = "", paths: String = "{}", version: String = "3.1.0") -> String {
    """
    openapi: \(version)
    info: {title: T, version: '1'}
    paths: \(paths)
    components:
      schemas:
    \(schemas.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
    """
}

/// All generated files joined, or the diagnostics when generation failed.
func generate(_ spec: String) -> (code: String, diagnostics: [String]) {
    let output = Generator.generate(spec: spec, fileName: "openapi.yaml")
    let code = output.files?.map(\.contents).joined(separator: "\n") ?? ""
    return (code, output.diagnostics.map { $0.formatted(file: "openapi.yaml") })
}

/// Normalises runs of whitespace so expectations are not about indentation.
func squeezed(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
}

func expectContains(_ code: String, _ fragment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(squeezed(code).contains(squeezed(fragment)), "missing:\n\(fragment)", sourceLocation: sourceLocation)
}

/// The package root, found from this file, so tests run from any directory.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
