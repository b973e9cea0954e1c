import ArgumentParser
import Foundation
import OpenAPIDiff

/// `openapi-gen diff OLD NEW`: the changes a client could notice, one `NEW:line:col: error: breaking: ... (was OLD:line:col)`
/// or `note: additive: ...` line each, in the new spec's order.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the changes between two versions of a spec that break existing clients (errors) and the additive ones (notes).",
        discussion: """
            Exit status: 0 when nothing breaks, 1 when something does, 2 when either spec cannot be read.
            Requests break when they accept less (a removed parameter, a new required member, a tightened bound, a
            removed enum value); answers break when they may hold more (a removed or now optional member, a new enum
            value, which generated clients cannot decode, a loosened bound, a nullable member).
            """)

    @Argument(help: "The earlier spec.")
    var old: String

    @Argument(help: "The later spec.")
    var new: String

    @Option(help: "How to name the earlier spec in the output (e.g. HEAD~1:openapi.yaml); its path by default.")
    var oldName: String?

    @Flag(help: "Exit 0 on breaking changes when info.version's major number went up (they are then announced).")
    var allowBreakingOnMajorBump = false

    func run() throws {
        let oldFile = oldName ?? old
        let result = SpecDiff.compare(old: try Self.read(old), new: try Self.read(new), oldFile: oldFile, newFile: new)
        for problem in result.problems { SpecFile.printError(problem.description) }
        guard result.problems.isEmpty else { throw ExitCode(2) }
        for finding in result.findings { print(finding.formatted(oldFile: oldFile, newFile: new)) }
        let breaking = result.breaking.count
        print("\(breaking) breaking, \(result.findings.count - breaking) additive (info.version \(result.oldVersion) -> \(result.newVersion))")
        guard breaking > 0 else { return }
        if allowBreakingOnMajorBump && result.raisesMajorVersion {
            print("info.version raises the major number: the breaking changes are announced, so they are allowed")
            return
        }
        throw ExitCode.failure
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            SpecFile.printError("\(path):1:1: error: cannot read the spec file")
            throw ExitCode(2)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            SpecFile.printError("\(path):1:1: error: the spec is not valid UTF-8")
            throw ExitCode(2)
        }
        return text
    }
}
