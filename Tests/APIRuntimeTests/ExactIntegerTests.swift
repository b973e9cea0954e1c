import APIRuntime
import Testing

/// Integers written as `1.0`, `1e2` or past 64 bits, and multiples at the ends of a `Double`'s range: read from the
/// number's text, never through its nearest `Double` (each case here was a wrong answer found by
/// scripts/differential.sh).
@Suite("Check: integers and multiples read exactly")
struct ExactIntegerTests {
    func integer(_ number: String) -> (Int64?, [String]) {
        var ctx = DecodeContext()
        let value = Check.integer(Int64.self, .number(number), at: ["v"], &ctx)
        return (value, ctx.issues.map(\.type))
    }

    func numberIssues(_ number: String, _ rules: NumberRules) -> [String] {
        var ctx = DecodeContext()
        _ = Check.number(Double.self, .number(number), at: ["v"], &ctx, rules)
        return ctx.issues.map(\.type)
    }

    @Test(arguments: [
        ("9007199254740993.0", Int64(9_007_199_254_740_993)), ("9007199254740993e0", 9_007_199_254_740_993),
        ("9223372036854775807.0", Int64.max), ("9.223372036854775807e18", Int64.max), ("-9223372036854775808.0", Int64.min),
        ("1e2", 100), ("1E+2", 100), ("100e-2", 1), ("-0.0", 0), ("-0", 0), ("0e5", 0),
    ])
    func integersSpeltWithAFractionOrExponentKeepTheirValue(text: String, expected: Int64) {
        let (value, issues) = integer(text)
        #expect(value == expected && issues.isEmpty, "\(text)")
    }

    @Test func integersBeyondTheTypeAreOutOfRangeNotWrapped() {
        for text in ["-9223372036854775809", "9223372036854775808", "9223372036854775808.0", "1e19", "-1e400", "1e400", "1e999999999999"] {
            #expect(integer(text) == (nil, ["int_parsing_size"]), "\(text)")
        }
    }

    @Test func fractionsTooSmallForADoubleAreStillFractions() {
        for text in ["1.0000000000000000000001", "1e-400", "1.5", "-0.5", "9007199254740993.5", "1e-999999999999"] {
            #expect(integer(text) == (nil, ["int_from_float"]), "\(text)")
        }
    }

    @Test func multipleOfAtTheEndsOfADoublesRange() {
        let half = NumberRules(multipleOf: 0.5)
        #expect(numberIssues("1e308", half).isEmpty)
        #expect(numberIssues("1.5e307", half).isEmpty)
        #expect(numberIssues("5e-324", half) == ["multiple_of"])
        #expect(numberIssues("2.5e-1", half) == ["multiple_of"])
        #expect(numberIssues("1000000000.500000000000000000005", half) == ["multiple_of"])
        #expect(numberIssues("12345678901234567890123456789012345678901234567890", NumberRules(multipleOf: 7)) == ["multiple_of"])
        #expect(numberIssues("12345678901234567890123456789012345678901234567896", NumberRules(multipleOf: 7)).isEmpty)
        #expect(numberIssues("0.02", NumberRules(multipleOf: 0.004)).isEmpty)
        #expect(numberIssues("0.004", NumberRules(multipleOf: 0.02)) == ["multiple_of"])
    }

    @Test func boundTiesCompareExactly() {
        #expect(numberIssues("9223372036854775807.5", NumberRules(maximum: 9_223_372_036_854_775_807)) == ["less_than_equal"])
        #expect(numberIssues("1e308", NumberRules(maximum: "1e308")).isEmpty)
        #expect(numberIssues("1.0000000000000000000000000000000000000000001e308", NumberRules(maximum: "1e308")) == ["less_than_equal"])
        #expect(numberIssues("-0.0", NumberRules(minimum: 0)).isEmpty)
    }
}
