import APIRuntime
import Testing

/// `pattern` as JSON Schema (ECMA-262) means it, where NSRegularExpression's idea differs.
@Suite("Check: patterns")
struct PatternTests {
    func issues(_ json: JSONValue, _ rules: StringRules) -> Int {
        var ctx = DecodeContext()
        _ = Check.string(json, at: ["v"], &ctx, rules)
        return ctx.issues.count
    }

    @Test(arguments: [
        // (pattern, text, matches)
        (#"^[A-Za-z0-9 _.-]+$"#, "abc", true),
        (#"^[A-Za-z0-9 _.-]+$"#, "abc\n", false),
        (#"^[A-Za-z0-9 _.-]+$"#, "abc\r\n", false),
        (#"^(cat|dog)$"#, "dog\n", false),
        (#"^x$|^y"#, "x\n", false),
        (#"^x$|^y"#, "y\n", true),
        (#"^[$]+$"#, "$$", true),
        (#"^[$]+$"#, "$$\n", false),
        (#"^a\$$"#, "a$", true),
        (#"^a\$$"#, "a$\n", false),
        (#"^a\$$"#, "a", false),
        (#"^[^\]$]+$"#, "ab", true),
        (#"^[^\]$]+$"#, "a$", false),
        (#"b"#, "abc", true),
    ])
    func dollarIsTheEndOfInput(pattern: String, text: String, matches: Bool) {
        #expect(issues(.string(text), StringRules(pattern: pattern)) == (matches ? 0 : 1), "\(pattern) on \(text.debugDescription)")
    }
}
