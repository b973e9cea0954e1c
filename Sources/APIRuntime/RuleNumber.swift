import Foundation

/// A number from a schema keyword (`minimum`, `multipleOf`, ...), kept as the spec wrote it so that checks are
/// exact: an int64 bound compares as an integer and a decimal one (`0.1`) as a decimal, never through a rounded
/// `Double` (`9223372036854775807` is not a `Double`). Generated code writes integers that fit in `Int64` as
/// integer literals and every other number as a string literal of its JSON text (`"0.5"`, `"1e30"`). A float
/// literal (`0.25`, for hand-written rules) stands for the shortest decimal that reads back as the same `Double`.
public struct RuleNumber: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// JSON number text.
    public let text: String
    public let integer: Int64?
    public let double: Double

    public init(integerLiteral value: Int64) {
        text = String(value)
        integer = value
        double = Double(value)
    }

    public init(floatLiteral value: Double) {
        self.init(stringLiteral: String(value))
    }

    public init(stringLiteral text: String) {
        self.text = text
        integer = Int64(text)
        double = Double(text) ?? .nan
    }

    var decimal: Decimal? { integer.map { Decimal($0) } ?? ExactDecimal.parse(text) }

    /// How messages show the bound (pydantic's way: `10`, not `10.0`).
    public var description: String {
        if let integer { return String(integer) }
        return double.rounded() == double && abs(double) < 1e15 ? String(Int64(double)) : String(double)
    }
}

/// A value being checked against `NumberRules`: its JSON text, and the `Int64` it is exactly, if any.
struct CheckedNumber {
    var text: String
    var double: Double
    var integer: Int64?

    var decimal: Decimal? { integer.map { Decimal($0) } ?? ExactDecimal.parse(text) }

    /// The exact order of the value and `bound` (-1, 0 or 1).
    func compare(to bound: RuleNumber) -> Int {
        if let value = integer, let bound = bound.integer { return value < bound ? -1 : value > bound ? 1 : 0 }
        // Rounding to Double is monotonic, so a strict order of the Doubles is the exact order; only a tie needs more.
        if double != bound.double { return double < bound.double ? -1 : 1 }
        guard let value = ExactNumber(text), let bound = ExactNumber(bound.text) else { return 0 }
        return value.compare(to: bound)
    }

    /// Whether the value is an integer multiple of `step` (> 0): exact for integers, for any value when the step has
    /// at most 18 significant digits, and for decimals of up to 38; beyond that, within a relative tolerance.
    func isMultiple(of step: RuleNumber) -> Bool {
        if let value = integer, let step = step.integer { return value % step == 0 }
        // Exact for any value (`1e308`, `5e-324`) when the step has at most 18 significant digits.
        if let value = ExactNumber(text), let step = ExactNumber(step.text), let multiple = value.isMultiple(of: step) { return multiple }
        if let value = decimal, let step = step.decimal {
            var quotient = value / step
            var whole = Decimal()
            NSDecimalRound(&whole, &quotient, 0, .plain)
            return whole == quotient
        }
        let quotient = double / step.double
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }
}

/// JSON number text as a `Decimal` when it holds it exactly: `Decimal(string:)` silently drops digits past its
/// 38-digit significand and refuses large exponents, so such numbers are left to the caller's fallback.
enum ExactDecimal {
    static func parse(_ text: String) -> Decimal? {
        let parts = text.lowercased().split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        let mantissa = parts[0].filter(\.isNumber)
        let significant = mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }
        guard significant.count <= 38 else { return nil }
        if parts.count == 2 {
            guard let exponent = Int(parts[1]), (-90...90).contains(exponent) else { return nil }
        }
        guard mantissa.count <= 120, let decimal = Decimal(string: text), !decimal.isNaN else { return nil }
        return decimal
    }
}
