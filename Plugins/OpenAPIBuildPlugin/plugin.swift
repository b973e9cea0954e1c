import PackagePlugin

/// Runs `openapi-gen generate` on the package-root `openapi.yaml` for the target it is applied to.
/// It holds no logic: the spec is a declared input (so an edit reruns the tool and an untouched spec does not),
/// and the output names are fixed, because SwiftPM does not ask the plugin again when the spec changes.
@main
struct OpenAPIBuildPlugin: BuildToolPlugin {
    /// Every file the generator writes, whatever the spec holds; it writes each one, empty if need be.
    static let outputNames = (1...16).map { "Types" + ($0 < 10 ? "0" : "") + "\($0).swift" } + ["Server.swift", "Spec.swift", "DocsPage.swift"]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let spec = context.package.directoryURL.appending(path: "openapi.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        let tool = try context.tool(named: "openapi-gen")
        return [
            .buildCommand(
                displayName: "Generating Swift from openapi.yaml",
                executable: tool.url,
                arguments: ["generate", spec.path(percentEncoded: false), "--output", output.path(percentEncoded: false)],
                inputFiles: [spec],
                outputFiles: Self.outputNames.map { output.appending(path: $0) }
            )
        ]
    }
}
