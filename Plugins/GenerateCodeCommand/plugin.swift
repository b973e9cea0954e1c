import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-code`: writes what the build plugin generates
/// into `Generated/`, and the TypeScript types and client for the frontend into `Generated/typescript/`, so a spec
/// change shows its API diff in review. `Generated/` is never compiled.
@main
struct GenerateCodeCommand: CommandPlugin {
    struct ToolFailed: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        var description: String { "openapi-gen \(command) exited with status \(status); its diagnostics are above" }
    }

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "openapi-gen")
        let spec = context.package.directoryURL.appending(path: "openapi.yaml").path(percentEncoded: false)
        let generated = context.package.directoryURL.appending(path: "Generated")
        for (command, output) in [("generate", generated), ("typescript", generated.appending(path: "typescript"))] {
            let process = Process()
            process.executableURL = tool.url
            process.arguments = [command, spec, "--output", output.path(percentEncoded: false)]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw ToolFailed(command: command, status: process.terminationStatus) }
        }
    }
}
