import Foundation
import OpenAPIGenerator
import Testing

/// Real public specs from `../shared/openapi-corpus`: each generates, or fails only with located errors.
/// A clone without `../shared` skips these with one line saying so.
@Suite("Corpus of public specs")
struct CorpusTests {
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/openapi-corpus")
    static let specs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }()

    @Test(.enabled(if: !specs.isEmpty, "../shared/openapi-corpus is not beside this checkout"), arguments: specs)
    func generatesOrFailsWithLocatedDiagnostics(_ name: String) throws {
        let text = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
        let output = Generator.generate(spec: text, fileName: name)
        for diagnostic in output.diagnostics {
            #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
            #expect(!diagnostic.message.isEmpty)
        }
        if output.hasErrors {
            #expect(output.files == nil)
        } else {
            let files = try #require(output.files)
            #expect(files.map(\.name) == Generator.fileNames)
            #expect(files.contains { $0.name == "Server.swift" && $0.contents.contains("public protocol APIHandler") })
        }
        // Deterministic to the byte.
        let again = Generator.generate(spec: text, fileName: name)
        #expect(again.files?.map(\.contents) == output.files?.map(\.contents))
    }

    @Test(.enabled(if: !specs.isEmpty, "../shared/openapi-corpus is not beside this checkout"))
    func theSmallSpecsAndSpotifyGenerateWithoutErrors() throws {
        for name in Self.specs where name.hasPrefix("0") {
            let text = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
            let output = Generator.generate(spec: text, fileName: name)
            #expect(!output.hasErrors, "\(name): \(output.diagnostics.filter { $0.severity == .error })")
        }
    }
}
