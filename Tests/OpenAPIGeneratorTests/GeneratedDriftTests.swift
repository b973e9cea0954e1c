import Foundation
import OpenAPIGenerator
import OpenAPITypeScript
import Testing

/// `Generated/` is the reviewed copy of what the build plugin generates from `openapi.yaml`, and
/// `Generated/typescript/` of the TypeScript the frontend imports; neither may drift.
@Suite("Generated/ matches openapi.yaml")
struct GeneratedDriftTests {
    let fix = "run: swift package --allow-writing-to-package-directory generate-code"

    @Test func generatedDirectoryIsUpToDate() throws {
        let spec = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let output = Generator.generate(spec: spec, fileName: "openapi.yaml")
        let files = try #require(output.files, "openapi.yaml does not generate: \(output.diagnostics)")
        for (name, contents) in files {
            let committed = try? String(contentsOf: packageRoot.appendingPathComponent("Generated/\(name)"), encoding: .utf8)
            #expect(committed == contents, "Generated/\(name) differs from what openapi.yaml produces; \(fix)")
        }
    }

    @Test func behaviourFixtureIsUpToDate() throws {
        let directory = packageRoot.appendingPathComponent("Tests/GeneratedBehaviourTests")
        let spec = try String(contentsOf: directory.appendingPathComponent("behaviour.yaml"), encoding: .utf8)
        let output = Generator.generate(spec: spec, fileName: "behaviour.yaml")
        let files = try #require(output.files, "behaviour.yaml does not generate: \(output.diagnostics)")
        for (name, contents) in files {
            let committed = try? String(contentsOf: directory.appendingPathComponent("Generated/\(name)"), encoding: .utf8)
            #expect(
                committed == contents,
                """
                Tests/GeneratedBehaviourTests/Generated/\(name) differs from what behaviour.yaml produces; run: \
                swift run openapi-gen generate Tests/GeneratedBehaviourTests/behaviour.yaml --output Tests/GeneratedBehaviourTests/Generated
                """)
        }
    }

    @Test func generatedTypeScriptIsUpToDate() throws {
        let spec = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let output = TypeScriptEmitter.emit(spec: spec, fileName: "openapi.yaml")
        let files = try #require(output.files, "openapi.yaml does not emit TypeScript: \(output.diagnostics)")
        #expect(files.map(\.name) == TypeScriptEmitter.fileNames)
        let directory = packageRoot.appendingPathComponent("Generated/typescript")
        for (name, contents) in files {
            let committed = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(committed == contents, "Generated/typescript/\(name) differs from what openapi.yaml produces; \(fix)")
        }
        // A file the emitter no longer writes would otherwise linger in review.
        let present = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ts") }.sorted()
        #expect(present == TypeScriptEmitter.fileNames.sorted(), "Generated/typescript/ holds files the emitter does not write")
    }
}
