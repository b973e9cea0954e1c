import Foundation
import OpenAPIGenerator
import Testing

/// `Generated/` is the reviewed copy of what the build plugin generates from `openapi.yaml`; it must not drift.
@Suite("Generated/ matches openapi.yaml")
struct GeneratedDriftTests {
    @Test func generatedDirectoryIsUpToDate() throws {
        let spec = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let output = Generator.generate(spec: spec, fileName: "openapi.yaml")
        let files = try #require(output.files, "openapi.yaml does not generate: \(output.diagnostics)")
        let fix = "run: swift package --allow-writing-to-package-directory generate-code"
        for (name, contents) in files {
            let committed = try? String(contentsOf: packageRoot.appendingPathComponent("Generated/\(name)"), encoding: .utf8)
            #expect(committed == contents, "Generated/\(name) differs from what openapi.yaml produces; \(fix)")
        }
    }
}
