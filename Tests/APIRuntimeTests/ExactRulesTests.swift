import APIRuntime
import Testing

/// Numeric keywords checked on the numbers as written, not on their nearest `Double`s.
@Suite("Check: exact multiples and bounds")
struct ExactRulesTests {
    func messages(_ number: String, _ rules: NumberRules, integer: Bool = true) -> [String] {
        var ctx = DecodeContext()
        if integer {
            _ = Check.integer(Int64.self, .number(number), at: ["v"], &ctx, rules)
        } else {
            _ = Check.number(Double.self, .number(number), at: ["v"], &ctx, rules)
        }
        return ctx.issues.map(\.msg)
    }

    @Test func multipleOfIsExactForDecimals() {
        let half = NumberRules(multipleOf: 0.5)
        for refused in ["1000000000.25", "600000000.3", "0.5000000001", "-0.25"] {
            #expect(messages(refused, half, integer: false) == ["Input should be a multiple of 0.5"], "\(refused)")
        }
        for accepted in ["1.5", "1e3", "0.5", "-2.5", "1000000000.5", "0", "5e-1", "15E-1"] {
            #expect(messages(accepted, half, integer: false).isEmpty, "\(accepted)")
        }
        let tenth = NumberRules(multipleOf: 0.1)
        #expect(messages("0.3", tenth, integer: false).isEmpty)
        #expect(messages("0.30000000001", tenth, integer: false).count == 1)
    }

    @Test func multipleOfIsExactForBigIntegers() {
        #expect(messages("9223372036854775806", NumberRules(multipleOf: 2)).isEmpty)
        #expect(messages("9223372036854775807", NumberRules(multipleOf: 2)) == ["Input should be a multiple of 2"])
        #expect(messages("-9223372036854775808", NumberRules(multipleOf: 3)) == ["Input should be a multiple of 3"])
    }

    @Test func integerBoundsCompareAsIntegers() {
        let int64 = NumberRules(minimum: -9_223_372_036_854_775_808, maximum: 9_223_372_036_854_775_807)
        #expect(messages("9223372036854775807", int64).isEmpty)
        #expect(messages("-9223372036854775808", int64).isEmpty)
        let inside = NumberRules(minimum: -9_223_372_036_854_775_807, maximum: 9_223_372_036_854_775_806)
        #expect(messages("9223372036854775807", inside) == ["Input should be less than or equal to 9223372036854775806"])
        #expect(messages("-9223372036854775808", inside) == ["Input should be greater than or equal to -9223372036854775807"])
        #expect(messages("9223372036854775806", inside).isEmpty)
        #expect(messages("9223372036854775806", NumberRules(exclusiveMaximum: 9_223_372_036_854_775_807)).isEmpty)
        #expect(
            messages("9223372036854775807", NumberRules(exclusiveMaximum: 9_223_372_036_854_775_807)) == [
                "Input should be less than 9223372036854775807"
            ])
    }

    @Test func decimalValuesAgainstIntegerBounds() {
        // A `number` member: 9223372036854775808 and …807 are the same Double, but not the same number.
        let rules = NumberRules(maximum: 9_223_372_036_854_775_807)
        #expect(messages("9223372036854775807", rules, integer: false).isEmpty)
        #expect(messages("9223372036854775808", rules, integer: false) == ["Input should be less than or equal to 9223372036854775807"])
        #expect(messages("10.000000000000000001", NumberRules(maximum: 10), integer: false).count == 1)
        #expect(messages("1.5", NumberRules(minimum: 1.5), integer: false).isEmpty)
        #expect(messages("1", NumberRules(exclusiveMinimum: 0.5)).isEmpty)
        #expect(messages("1", NumberRules(minimum: "one", maximum: "zero", multipleOf: "two")).isEmpty)
    }
}
