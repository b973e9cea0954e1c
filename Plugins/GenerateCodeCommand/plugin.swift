import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-code`: writes what the build plugin generates
/// into `Generated/`, so a spec change shows its API diff in review. `Generated/` is never compiled.
@main
struct GenerateCodeCommand: CommandPlugin {
    struct ToolFailed: Error, CustomStringConvertible {
        let status: Int32
        var description: String { "openapi-gen exited with status \(status); its diagnostics are above" }
    }

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "openapi-gen")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = [
            "generate", context.package.directoryURL.appending(path: "openapi.yaml").path(percentEncoded: false),
            "--output", context.package.directoryURL.appending(path: "Generated").path(percentEncoded: false),
        ]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ToolFailed(status: process.terminationStatus) }
    }
}
