import APIRuntime
import Testing

/// The operands of `not` and `if`/`then`/`else`: JSON Schema's rules on JSON values.
@Suite("Subschema and Constraint")
struct SubschemaTests {
    /// The test's own JSON literals; one that does not parse is a mistake in the test.
    func parse(_ text: String) -> JSONValue {
        guard let value = try? JSONValue.parse(text) else { fatalError("not JSON: \(text)") }
        return value
    }

    @Test func eachKeywordConstrainsOnlyValuesOfItsKind() throws {
        let short = Subschema(string: StringRules(maxLength: 2), number: NumberRules(maximum: 10), array: ArrayRules(maxItems: 1))
        for accepted in [#""ab""#, "10", "[1]", "true", "null", #"{"a": 1, "b": 2, "c": 3}"#] {
            #expect(short.matches(parse(accepted)), "\(accepted)")
        }
        for refused in [#""abc""#, "10.5", "[1, 2]"] {
            #expect(!short.matches(parse(refused)), "\(refused)")
        }
    }

    @Test func typesEnumsAndNumbersCompareAsJSON() throws {
        let integer = Subschema(types: [.integer])
        #expect(integer.matches(parse("3")) && integer.matches(parse("3.0")) && integer.matches(parse("1e2")))
        #expect(!integer.matches(parse("3.5")) && !integer.matches(parse(#""3""#)))
        // Exact, not through a Double (which rounds this one to a whole number).
        #expect(!integer.matches(parse("9007199254740993.5")))
        let values = Subschema(enumValues: [.number("1"), .object(JSONObject([("a", .array([.null]))]))])
        #expect(values.matches(parse("1.0")) && values.matches(parse(#"{"a": [null]}"#)))
        #expect(!values.matches(parse("2")) && !values.matches(parse(#"{"a": [null], "b": 1}"#)))
        // Exact, beyond Double: 2^53 + 1 is not 2^53.
        #expect(!Subschema(enumValues: [.number("9007199254740992")]).matches(parse("9007199254740993")))
    }

    @Test func objectsCombinatorsAndConditionals() throws {
        let shape = Subschema(
            required: ["kind"], properties: [("kind", Subschema(enumValues: [.string("circle"), .string("square")]))], closed: true)
        #expect(shape.matches(parse(#"{"kind": "circle"}"#)))
        #expect(!shape.matches(parse(#"{"kind": "oval"}"#)) && !shape.matches(parse("{}")))
        #expect(!shape.matches(parse(#"{"kind": "circle", "r": 1}"#)))
        let one = Subschema(oneOf: [Subschema(types: [.number]), Subschema(types: [.integer])])
        #expect(one.matches(parse("1.5")) && !one.matches(parse("1")))
        let conditional = Subschema(
            conditional: .init(if: Subschema(types: [.string]), then: Subschema(string: StringRules(minLength: 3)), else: Subschema(types: [.null])))
        #expect(conditional.matches(parse(#""abc""#)) && conditional.matches(parse("null")))
        #expect(!conditional.matches(parse(#""ab""#)) && !conditional.matches(parse("1")))
        #expect(!Subschema(nothing: true).matches(.null) && !Subschema(not: Subschema()).matches(.null))
    }

    /// A parameter arrives as text: the constraint sees the value it was converted to, not the text.
    @Test func aConstrainedParameterIsCheckedAsItsConvertedValue() throws {
        let notThirteen = Constraint(not: Subschema(types: [.integer], enumValues: [.number("13")]))
        var ctx = DecodeContext(parameters: true)
        let decode: Check.Decode<Int> = { v, loc, ctx in Check.integer(Int.self, v, at: loc, &ctx) }
        #expect(Check.constrained(.string("12"), at: ["query", "n"], &ctx, notThirteen, decode) == 12)
        #expect(ctx.issues.isEmpty)
        #expect(Check.constrained(.string("13"), at: ["query", "n"], &ctx, notThirteen, decode) == nil)
        #expect(ctx.issues.map(\.type) == ["not_allowed"])
        #expect(ctx.issues.first?.msg == "Input should not match the schema under 'not'")
    }

    /// An object schema that is a dictionary (no `properties`) still has its `required` members checked.
    @Test func aConstraintReportsEachMissingMemberAtItsKey() {
        let needs = Constraint(required: ["openapi", "paths"])
        var ctx = DecodeContext()
        #expect(!needs.check(parse(#"{"openapi": "3.1.0"}"#), at: ["body"], &ctx))
        #expect(ctx.issues.map(\.type) == ["missing"] && ctx.issues.first?.loc == ["body", "paths"])
        ctx = DecodeContext()
        #expect(needs.check(parse(#"{"openapi": "3.1.0", "paths": {}}"#), at: ["body"], &ctx) && ctx.issues.isEmpty)
    }
}
