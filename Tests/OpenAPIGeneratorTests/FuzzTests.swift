import Foundation
import OpenAPIGenerator
import OpenAPIModel
import Testing

/// Issue 7: whatever the text, the generator succeeds or says where the spec is wrong (`file:line:column:`, one line
/// each); it never crashes or hangs. Seeded mutations of real specs look for new failures; `Regressions`
/// (below) keeps the inputs that once crashed or hung it. A case is named by its seed and number, so it can be replayed.
@Suite("Fuzzing the generator's input", .timeLimit(.minutes(1)))
struct FuzzTests {
    /// What is wrong with one outcome; nothing when it succeeded, or failed with located one-line errors.
    static func problems(wroteFiles: Bool, _ diagnostics: [Diagnostic]) -> [String] {
        var problems: [String] = []
        let hasErrors = diagnostics.contains { $0.severity == .error }
        if !wroteFiles && !hasErrors { problems.append("failed without an error") }
        if wroteFiles && hasErrors { problems.append("wrote files despite errors") }
        for diagnostic in diagnostics {
            let line = diagnostic.formatted(file: "fuzz.yaml")
            if diagnostic.location.line < 1 || diagnostic.location.column < 1 || line.contains(where: \.isNewline) {
                problems.append("unlocated or multi-line diagnostic: \(line)")
            }
        }
        return problems
    }

    /// Generates from `cases` mutations of `text`, stopping after a few failures or at `deadline`. Runs on a
    /// thread of its own: seconds of synchronous work on Swift's cooperative pool (two threads here) would starve
    /// the timing-sensitive suites that run beside this one.
    static func fuzz(_ name: String, _ text: String, seed: UInt64, cases: Int) async {
        let found = await withCheckedContinuation { (done: CheckedContinuation<[String], Never>) in
            let thread = Thread {
                var found: [String] = []
                let deadline = Date().addingTimeInterval(50)
                for index in 0..<cases where found.count < 5 && Date() < deadline {
                    var mutator = SpecMutator(seed: seed &+ UInt64(index))
                    let (spec, edits) = mutator.mutate(text, donors: [text])
                    let output = Generator.generate(spec: spec, fileName: "fuzz.yaml")
                    let problems = problems(wroteFiles: output.files != nil, output.diagnostics)
                    if !problems.isEmpty { found.append("\(name), seed \(seed), case \(index), edits \(edits.map(\.rawValue)): \(problems)") }
                }
                done.resume(returning: found)
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        #expect(found.isEmpty, "\(found)")
    }

    @Test func mutationsOfTheRepoSpec() async throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        await Self.fuzz("openapi.yaml", text, seed: 0x5EED_0000_0000, cases: 1_000)
    }

    @Test(.enabled(if: !CorpusTests.specs.isEmpty, "../shared/openapi-corpus is not beside this checkout"), arguments: CorpusTests.specs)
    func mutationsOfTheCorpus(_ name: String) async throws {
        let text = try String(contentsOf: CorpusTests.corpus.appendingPathComponent(name), encoding: .utf8)
        let seed = 0x5EED_0000_0000 &+ UInt64(CorpusTests.specs.firstIndex(of: name) ?? 0) << 32
        // A large spec takes seconds per run in a debug build; a few mutations of it still go through its shapes.
        await Self.fuzz(name, text, seed: seed, cases: max(1, min(100, 300_000 / max(1, text.utf8.count))))
    }

    @Test func theCheckCatchesWhatItLooksFor() {
        #expect(Self.problems(wroteFiles: false, [Diagnostic(.error, "somewhere", at: .init(line: 0, column: 3))]).count == 1)
        #expect(Self.problems(wroteFiles: false, [Diagnostic(.error, "quoted\nline break", at: .init(line: 2, column: 3))]).isEmpty)
        #expect(Self.problems(wroteFiles: false, []) == ["failed without an error"])
        #expect(Self.problems(wroteFiles: true, [Diagnostic(.error, "ignored", at: .init(line: 1, column: 1))]) == ["wrote files despite errors"])
    }
}

extension FuzzTests {
    /// Each input crashed the generator (stack overflow), hung it, or took over ten seconds; now it is refused where
    /// the trouble starts.
    @Suite("Inputs that once crashed or hung the generator")
    struct Regressions {
        func diagnostics(_ spec: String) -> [String] { generate(spec).diagnostics }

        /// `count` lines made by `line`, joined.
        func lines(_ count: Int, _ line: (Int) -> String) -> String { (0..<count).map(line).joined(separator: "\n") }

        /// A spec whose `x-fuzz` extension holds `extra` (indented lines), with one component schema `Start`.
        func document(start: String, extra: String) -> String {
            OpenAPIGeneratorTests.document(schemas: "Start: \(start)").replacingOccurrences(of: "components:", with: "x-fuzz:\n\(extra)\ncomponents:")
        }

        @Test func deepFlowNestingStopsAtTheLimit() {
            // Was: libyaml's scanner is quadratic in flow depth (about a minute), then a stack overflow freeing the tree.
            #expect(
                diagnostics("openapi: 3.1.0\nx-deep: " + String(repeating: "[", count: 100_000)) == [
                    "openapi.yaml:2:136: error: collections nest more than 128 levels deep"
                ])
        }

        @Test func deepSchemaNesting() {
            // Was: a stack overflow in the reader's recursion over schemas.
            let nested = String(repeating: "{type: object, properties: {p: ", count: 3_000) + "{}" + String(repeating: "}}", count: 3_000)
            #expect(
                diagnostics(OpenAPIGeneratorTests.document(schemas: "A: " + nested)) == [
                    "openapi.yaml:6:1957: error: collections nest more than 128 levels deep"
                ])
        }

        @Test func aliasChainsCountAsNesting() {
            // Was: each alias one level deeper than the last, 50 000 levels in 1.4 MB; a stack overflow freeing them.
            let spec = "openapi: 3.1.0\nx-a0: &a0 [x]\n" + lines(50_000) { "x-a\($0 + 1): &a\($0 + 1) [*a\($0)]" }
            #expect(diagnostics(spec) == ["openapi.yaml:129:16: error: collections nest more than 128 levels deep"])
        }

        @Test func aliasBombOfSchemasUnderTheOldLimit() {
            // Was: a million nodes were allowed, each a schema: 12 s, 880 MB and 300 MB of generated code.
            let levels = lines(5) { level in
                "x-b\(level + 1): &b\(level + 1) {type: object, properties: {" + (0..<10).map { "p\($0): *b\(level)" }.joined(separator: ", ") + "}}"
            }
            let spec =
                "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\nx-b0: &b0 {type: object, properties: {a: {type: string}}}\n"
                + levels + "\ncomponents: {schemas: {Bomb: *b5}}\n"
            #expect(diagnostics(spec) == ["openapi.yaml:8:38: error: document expands to more than 100000 nodes through aliases"])
        }

        @Test func longChainOfRefsReadInPlace() {
            // Was: a stack overflow following 5 000 `$ref`s that each point at the next.
            let chain = lines(5_000) { "  c\($0): {$ref: '#/x-fuzz/c\($0 + 1)'}" } + "\n  c5000: {type: string}"
            #expect(
                diagnostics(document(start: "{$ref: '#/x-fuzz/c0'}", extra: chain)) == [
                    "openapi.yaml:131:16: error: schemas nest more than 128 levels deep through '$ref's; make the shared schema a component (#/components/schemas/...)"
                ])
        }

        @Test func refsReadInPlaceThatFanOut() {
            // Was: two refs to the next level at each of 24 levels, 2^24 schemas read: no end in sight.
            let levels = lines(24) { "  d\($0): {type: object, properties: {x: {$ref: '#/x-fuzz/d\($0 + 1)'}, y: {$ref: '#/x-fuzz/d\($0 + 1)'}}}" }
            #expect(
                diagnostics(document(start: "{$ref: '#/x-fuzz/d0'}", extra: levels + "\n  d24: {type: string}")) == [
                    "openapi.yaml:27:46: error: '$ref's read in place expand to more than 100000 nodes; make the shared schema a component (#/components/schemas/...)"
                ])
        }

        @Test func aliasSchemasThatFanOut() {
            // Was: every use of an alias component is inlined, twice per level here: 2^24 types.
            let schemas = lines(24) {
                "A\($0): {type: array, items: {type: object, properties: {x: {$ref: '#/components/schemas/A\($0 + 1)'}, y: {$ref: '#/components/schemas/A\($0 + 1)'}}}}"
            }
            #expect(
                diagnostics(OpenAPIGeneratorTests.document(schemas: schemas + "\nA24: {type: string}")) == [
                    "openapi.yaml:26:108: error: references copy more than 100000 types and properties, here through the alias schema 'A21'; every use of an alias schema or allOf member is a copy"
                ])
        }

        @Test func longChainOfAliasSchemas() {
            // Was: a stack overflow inlining a chain of 1 000 alias components (and quadratic time before it).
            let schemas = lines(1_000) { "A\($0): {type: array, items: {$ref: '#/components/schemas/A\($0 + 1)'}}" } + "\nA1000: {type: string}"
            let result = diagnostics(OpenAPIGeneratorTests.document(schemas: schemas))
            #expect(result.first == "openapi.yaml:69:38: error: types nest more than 128 levels deep through the alias schema 'A64'")
            #expect(
                result.allSatisfy { $0.contains(": error: types nest more than 128 levels") || $0.contains(": error: references copy more than") })
        }

        @Test func longAllOfChain() {
            // Was: each struct re-merged the whole chain below it at every level, cubic: 28 s for 300 components.
            let schemas = lines(300) {
                "A\($0): {allOf: [{$ref: '#/components/schemas/A\($0 + 1)'}, {type: object, properties: {p\($0): {type: string}}}]}"
            }
            let result = diagnostics(OpenAPIGeneratorTests.document(schemas: schemas + "\nA300: {type: object, properties: {z: {type: string}}}"))
            #expect(result.first == "openapi.yaml:134:27: error: allOf nests more than 128 levels deep through 'A129'")
            #expect(result.count == 172 && result.allSatisfy { $0.contains(": error: allOf nests more than 128 levels deep through") })
        }

        @Test func manyInlineTypesWithTheSameName() {
            // Was: each new name was checked against every earlier one at every try, cubic: 115 s for 95 KB.
            let marks = Array("!#%&()*+,-./;<=>?@^`|~ ")
            let suffixes =
                [""] + marks.map { "\($0)" } + marks.flatMap { a in marks.map { "\(a)\($0)" } }
                + marks.flatMap { a in marks.flatMap { b in marks.map { "\(a)\(b)\($0)" } } }
            let properties = suffixes.prefix(1_500).map { "\"x\($0)\": {type: object, properties: {a: {type: string}}}" }
            let (code, result) = generate(
                OpenAPIGeneratorTests.document(schemas: "A:\n  type: object\n  properties:\n" + lines(1_500) { "    " + properties[$0] }))
            #expect(result.isEmpty)
            expectContains(code, "public struct X1500: Hashable, Sendable, JSONValueCodable")
        }

        @Test func manyUnresolvedRefsAmongManyNames() {
            // Was: "did you mean" compared every unresolved ref with every component name in full: over 300 s for
            // 458 KB (and 15 s for openai.yaml cut off at 2.3 MB, found by fuzzing).
            let schemas = lines(5_000) { "Schema\($0): {type: object, properties: {a: {$ref: '#/components/schemas/Missing\($0)'}}}" }
            let result = diagnostics(OpenAPIGeneratorTests.document(schemas: schemas))
            #expect(result.count == 5_000)
            #expect(result.first == "openapi.yaml:6:52: error: $ref '#/components/schemas/Missing0' does not resolve")
        }

        @Test func suggestionsStayTheSame() {
            let near = ["Task", "TaskList", "Tasks", "User"]
            #expect(nearestName(to: "Tsak", in: near) == "Task")
            #expect(nearestName(to: "tasklist", in: near) == "TaskList")
            #expect(nearestName(to: "Taskss", in: near) == "Tasks")
            #expect(nearestName(to: "Order", in: near) == nil)
            #expect(nearestName(to: "", in: ["a", "abc"]) == "a")
        }

        @Test func lineBreaksQuotedInAMessageAreEscaped() {
            // Was: the message went over two lines, and tools read the second as a diagnostic without a place.
            #expect(
                diagnostics(OpenAPIGeneratorTests.document(schemas: "A: {type: \"string\\n- merged\\u2028x\"}")) == [
                    "openapi.yaml:6:15: error: unknown type 'string\\n- merged\\u{2028}x' [unknown-type]"
                ])
        }

        @Test func nestingUpToTheLimitIsRead() throws {
            let depth = YAMLParser.maximumDepth
            #expect(try YAMLParser.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))?.depth == depth)
            #expect(throws: YAMLError(message: "collections nest more than \(depth) levels deep", location: .init(line: 1, column: depth + 1))) {
                try YAMLParser.parse(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1))
            }
        }
    }
}
