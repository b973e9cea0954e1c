import Testing
import YAMLTree

@Suite("YAML tree")
struct YAMLTreeTests {
    @Test func blockFlowQuotedKeysAndMultiLineScalars() throws {
        let node = try #require(
            try YAMLParser.parse(
                """
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
        let node = try #require(
            try YAMLParser.parse(
                """
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

    /// `/openapi.json` is this conversion: scalars typed by the YAML 1.2 core schema, quoted ones always strings.
    @Test func convertsToJSONWithCoreSchemaScalars() throws {
        let node = try #require(
            try YAMLParser.parse(
                #"""
                a: [1, -2, +3, 007, 1.5, .5, 2., 1e3, -1.5E-2, 0x1F, 0o17]
                b: [true, False, null, ~, '', "1", '001']
                c: [.inf, .nan, 1_000, 12abc, 0x, -0x1]
                "quoted \"key\"": "tab\there\u0001 é"
                block: |
                  line
                empty:
                """#))
        #expect(
            node.jsonText == #"{"a":[1,-2,3,7,1.5,0.5,2.0,1e3,-1.5e-2,31,15],"b":[true,false,null,null,"","1","001"],"#
                + #""c":[".inf",".nan","1_000","12abc","0x","-0x1"],"quoted \"key\"":"tab\there\u0001 é","block":"line\n","empty":null}"#)
    }
}
