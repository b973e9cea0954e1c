import Foundation
import OpenAPIGenerator
import OpenAPIModel
import Testing

/// One lint rule at work: a spec in, the rule's findings out, at their exact line and column.
struct LintCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var what: String
    var spec: String
    var expected: [String]

    init(_ rule: String, _ what: String, _ spec: String, _ expected: [String]) {
        self.rule = rule
        self.what = what
        self.spec = spec
        self.expected = expected
    }

    var testDescription: String { "\(rule): \(what)" }
}

/// The findings of `rule` among everything the generator reports for `spec`.
func findings(_ spec: String, rule: String) -> [String] {
    generate(spec).diagnostics.filter { $0.hasSuffix("[\(rule)]") }
}

@Suite("Lint rules: YAML in, located finding with its fix out")
struct LintRuleTests {
    static let cases = schemaCases + documentCases

    @Test(arguments: cases)
    func ruleReportsAtThePlace(_ lintCase: LintCase) {
        #expect(findings(lintCase.spec, rule: lintCase.rule) == lintCase.expected)
    }

    @Test func everyRuleHasASnippetAndADocsRow() throws {
        let tested = Set(Self.cases.map(\.rule))
        let docs = try String(contentsOf: packageRoot.appendingPathComponent("docs/lint-rules.md"), encoding: .utf8)
        for rule in LintRule.all {
            #expect(tested.contains(rule.name), "no snippet test for \(rule.name)")
            #expect(docs.contains("| `\(rule.name)` |"), "docs/lint-rules.md has no row for \(rule.name)")
        }
        #expect(Set(LintRule.all.map(\.name)).count == LintRule.all.count)
    }

    static let arrayWithoutItems = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        x-openapi-gen-lint:
          disable: [%@]
        paths: {}
        components:
          schemas:
            A: {type: array}
            B: {type: long}
        """

    @Test func aSpecSilencesWarningRules() {
        let spec = Self.arrayWithoutItems.replacingOccurrences(of: "%@", with: "array-items, unused-tag")
        #expect(
            generate(spec).diagnostics == [
                "openapi.yaml:9:15: error: unknown type 'long'; write 'type: integer, format: int64' [unknown-type]"
            ])
        let loud = Self.arrayWithoutItems.replacingOccurrences(of: "%@", with: "")
        #expect(findings(loud, rule: "array-items").count == 1)
    }

    @Test func errorRulesCannotBeDisabled() {
        let spec = Self.arrayWithoutItems.replacingOccurrences(of: "%@", with: "unknown-type")
        #expect(
            findings(spec, rule: "lint-config") == [
                "openapi.yaml:4:13: warning: 'unknown-type' reports errors that would make the generated code wrong, so it cannot be disabled; fix what it reports [lint-config]"
            ])
        #expect(findings(spec, rule: "unknown-type").count == 1)
    }

    @Test func theRepositorysOwnSpecLintsClean() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(generate(text).diagnostics == [])
    }
}
