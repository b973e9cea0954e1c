import Testing
import YAMLTree

@Suite("YAML tree")
struct YAMLTreeTests {
    @Test func blockFlowQuotedKeysAndMultiLineScalars() throws {
        let node = try #require(try YAMLParser.parse("""
            "quoted key": value
            'single': [1, two, {three: 3}]
            folded: >
              one
              two
            literal: |
              a
              b
            """))
        #expect(node["quoted key"]?.scalar == "value")
        #expect(node["single"]?.sequence?.count == 3)
        #expect(node["single"]?.sequence?[2]["three"]?.scalar == "3")
        #expect(node["folded"]?.scalar == "one two\n")
        #expect(node["literal"]?.scalar?.hasPrefix("a\nb") == true)
        #expect(node["literal"]?.isPlainScalar == false)
        #expect(node["single"]?.location == SourceLocation(line: 2, column: 11))
    }

    @Test func mergeKeysExplicitKeysWin() throws {
        let node = try #require(try YAMLParser.parse("""
            base: &b {a: 1, b: 2}
            other: &o {c: 3}
            child:
              <<: [*b, *o]
              b: 20
            """))
        let child = try #require(node["child"])
        #expect(child["a"]?.scalar == "1")
        #expect(child["b"]?.scalar == "20")
        #expect(child["c"]?.scalar == "3")
        #expect(child["<<"] == nil)
    }

    @Test func unknownAliasIsAnError() {
        #expect(throws: YAMLError(message: "unknown alias '*nope'", location: SourceLocation(line: 1, column: 4))) {
            try YAMLParser.parse("a: *nope\n")
        }
    }
}
