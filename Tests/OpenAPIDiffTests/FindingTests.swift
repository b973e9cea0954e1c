import Foundation
import OpenAPIDiff
import Testing

/// How findings and problems print, and how `info.version` is read.
@Suite("openapi-gen diff: output and versions")
struct FindingTests {
    @Test func findingsPrintAsOneCompilerStyleLineNamingBothFiles() {
        let breaking = Finding(.breaking, "GET /x", "status removed", old: .init(line: 3, column: 5), new: .init(line: 4, column: 7))
        #expect(breaking.formatted(oldFile: "a.yaml", newFile: "b.yaml") == "b.yaml:4:7: error: breaking: GET /x: status removed (was a.yaml:3:5)")
        let additive = Finding(.additive, "GET /y", "operation added", old: .init(line: 1, column: 1), new: .init(line: 9, column: 5))
        #expect(additive.formatted(oldFile: "a.yaml", newFile: "b.yaml") == "b.yaml:9:5: note: additive: GET /y: operation added (was a.yaml:1:1)")
    }

    @Test func aSpecThatDoesNotReadIsAProblemInItsOwnFile() throws {
        let broken = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /x: {get: {responses: {'200': {description: ok}}}\n"
        let result = SpecDiff.compare(old: base, new: broken, oldFile: "old.yaml", newFile: "new.yaml")
        #expect(result.findings.isEmpty)
        let problem = try #require(result.problems.first)
        #expect(problem.file == "new.yaml")
        #expect(problem.description.hasPrefix("new.yaml:5:1: error: "), "\(problem)")
        let unknownType = edited(("id: {type: integer}", "id: {type: integr}"))
        let reversed = SpecDiff.compare(old: unknownType, new: base, oldFile: "old.yaml", newFile: "new.yaml")
        let place = at(35, "integr", in: unknownType)
        #expect(reversed.problems.map(\.description) == ["old.yaml:\(place): error: unknown type 'integr'; did you mean 'integer'? [unknown-type]"])
    }

    @Test func majorVersionsAreReadFromCommonVersionShapes() {
        #expect(SpecDiff.majorVersion("1.0.0") == 1)
        #expect(SpecDiff.majorVersion("v2") == 2)
        #expect(SpecDiff.majorVersion("10.1-beta") == 10)
        #expect(SpecDiff.majorVersion("2024-01-05") == 2024)
        #expect(SpecDiff.majorVersion("beta") == nil)
        #expect(SpecDiff.majorVersion("1a") == nil)
    }

    @Test func aBreakingChangeIsAnnouncedOnlyByARaisedMajorNumber() {
        let removed = edited(("        '404': {description: no}\n", ""))
        let bumped = edited(removed, ("version: 1.0.0", "version: 2.0.0"))
        let result = SpecDiff.compare(old: base, new: bumped)
        #expect(result.hasBreaking && result.raisesMajorVersion)
        #expect((result.oldVersion, result.newVersion) == ("1.0.0", "2.0.0"))
        let minor = SpecDiff.compare(old: base, new: edited(removed, ("version: 1.0.0", "version: 1.9.0")))
        #expect(minor.hasBreaking && !minor.raisesMajorVersion)
        let unreadable = SpecDiff.compare(old: edited(("version: 1.0.0", "version: draft")), new: bumped)
        #expect(!unreadable.raisesMajorVersion)
    }
}
