import ArgumentParser
import Foundation
import OpenAPIDiff
import OpenAPIGenerator
import OpenAPIModel
import OpenAPITypeScript

/// The generator's command line: the build plugin's tool, and usable by hand.
@main
struct OpenAPIGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi-gen",
        abstract:
            "Generate Swift types, operations and Hummingbird routes (or TypeScript types and a fetch client) from an OpenAPI 3.0/3.1 document, and report breaking changes between two versions.",
        subcommands: [Generate.self, TypeScript.self, Lint.self, Diff.self]
    )
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the generated Swift files into a directory (a file is rewritten only when its content changes).")

    @Argument(help: "The OpenAPI document (YAML or JSON).")
    var spec: String

    @Option(name: .shortAndLong, help: "The directory to write the generated files into.")
    var output: String

    func run() throws {
        let result = try SpecFile.generate(spec)
        guard let files = result.files else { throw ExitCode.failure }
        try SpecFile.write(files, into: output)
    }
}

struct TypeScript: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "typescript",
        abstract: "Write TypeScript types for the schemas and a typed fetch client (schemas.ts, client.ts, index.ts) into a directory.")

    @Argument(help: "The OpenAPI document (YAML or JSON).")
    var spec: String

    @Option(name: .shortAndLong, help: "The directory to write the TypeScript files into.")
    var output: String

    func run() throws {
        let text = try SpecFile.read(spec)
        let result = TypeScriptEmitter.emit(spec: text, fileName: (spec as NSString).lastPathComponent)
        for diagnostic in result.diagnostics { SpecFile.printError(diagnostic.formatted(file: spec)) }
        guard let files = result.files else { throw ExitCode.failure }
        try SpecFile.write(files, into: output)
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an OpenAPI document and print its diagnostics; exits non-zero on any error.",
        discussion:
            "Each finding ends with its rule's name in brackets; a spec silences warning rules with 'x-openapi-gen-lint: {disable: [rule, ...]}' at its root."
    )

    @Argument(help: "The OpenAPI document (YAML or JSON).")
    var spec: String?

    @Flag(help: "Print every lint rule (name, severity, what it finds) and exit.")
    var listRules = false

    func validate() throws {
        if spec == nil && !listRules { throw ValidationError("Give the spec to check, or --list-rules.") }
    }

    func run() throws {
        if listRules {
            let width = LintRule.all.map(\.name.count).max() ?? 0
            for rule in LintRule.all {
                let name = rule.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                print("\(name)  \(severity)  \(rule.summary)")
            }
            return
        }
        guard let spec else { return }
        let result = try SpecFile.generate(spec)
        if result.hasErrors { throw ExitCode.failure }
    }
}

enum SpecFile {
    /// Reads and generates, printing every diagnostic as `path:line:col: severity: message`.
    static func generate(_ path: String) throws -> Generator.Output {
        let text = try read(path)
        let result = Generator.generate(spec: text, fileName: (path as NSString).lastPathComponent)
        for diagnostic in result.diagnostics { printError(diagnostic.formatted(file: path)) }
        return result
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("\(path):1:1: error: cannot read the spec file")
            throw ExitCode.failure
        }
        guard let text = String(data: data, encoding: .utf8) else {
            printError("\(path):1:1: error: the spec is not valid UTF-8")
            throw ExitCode.failure
        }
        return text
    }

    /// Writes each file into `directory`, leaving a file whose content is unchanged untouched (no rebuild).
    static func write(_ files: [(name: String, contents: String)], into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, contents) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            let data = Data(contents.utf8)
            if FileManager.default.contents(atPath: path) == data { continue }
            do {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                printError("\(path):1:1: error: cannot write generated file: \(error.localizedDescription)")
                throw ExitCode.failure
            }
        }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
