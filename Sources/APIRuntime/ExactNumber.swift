/// A JSON number's exact value, as its significant digits and a power of ten (`-1.50e3` is -15 x 10^2), for the
/// questions a `Double` answers wrongly at the edges: is `9007199254740993.0` an integer (yes, not ...992), is
/// `-9223372036854775809` an `Int64` (no, though its `Double` is `Int64.min`), is `1e308` a multiple of 0.5 (yes,
/// though `1e308 / 0.5` overflows), is `5e-324` one (no, though the quotient rounds to within any tolerance of 0).
struct ExactNumber {
    var negative: Bool
    /// Digit values, no leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    /// Exponents are clamped to this magnitude: past it a number is beyond every question asked of it here.
    static let exponentLimit = 1_000_000_000

    /// Nil when `text` is not JSON number syntax.
    init?(_ text: some StringProtocol) {
        var bytes = Array(text.utf8)[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var mantissa: [UInt8] = []
        var fractionCount = 0
        var seenPoint = false
        var exponent = 0
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, !mantissa.isEmpty else { return nil }
                seenPoint = true
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                mantissa.append(byte - UInt8(ascii: "0"))
                if seenPoint { fractionCount += 1 }
            } else {
                return nil
            }
        }
        guard !mantissa.isEmpty, !(seenPoint && fractionCount == 0) else { return nil }
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty, bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            for byte in bytes { exponent = min(exponent * 10 + Int(byte - UInt8(ascii: "0")), Self.exponentLimit) }
            if exponentNegative { exponent = -exponent }
        }
        exponent -= fractionCount
        let leading = mantissa.firstIndex { $0 != 0 } ?? mantissa.endIndex
        var significant = Array(mantissa[leading...])
        while significant.last == 0 {
            significant.removeLast()
            exponent += 1
        }
        digits = significant
        self.exponent = digits.isEmpty ? 0 : exponent
        if digits.isEmpty { negative = false }
    }

    enum IntegerValue<I> {
        case value(I)
        /// Not a whole number.
        case fraction
        /// A whole number outside the type's range.
        case outOfRange
    }

    /// The number as an `I`, exactly.
    func integer<I: FixedWidthInteger>(_ type: I.Type) -> IntegerValue<I> {
        if digits.isEmpty { return .value(0) }
        if exponent < 0 { return .fraction }  // no trailing zeros: a negative exponent leaves a fraction
        guard digits.count + exponent <= 40 else { return .outOfRange }
        let text =
            (negative ? "-" : "") + String(digits.map { Character(Unicode.Scalar($0 + UInt8(ascii: "0"))) })
            + String(repeating: "0", count: exponent)
        return I(text).map { .value($0) } ?? .outOfRange
    }

    /// A whole number (`3`, `3.0`, `1e2`; not `3.5`, nor `9007199254740993.5`, whose `Double` is whole).
    var isWhole: Bool { digits.isEmpty || exponent >= 0 }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`.
    func compare(to other: ExactNumber) -> Int {
        if negative != other.negative { return negative ? -1 : 1 }
        let magnitude = compareMagnitude(to: other)
        return negative ? -magnitude : magnitude
    }

    private func compareMagnitude(to other: ExactNumber) -> Int {
        if digits.isEmpty || other.digits.isEmpty { return digits.isEmpty ? (other.digits.isEmpty ? 0 : -1) : 1 }
        // The position of the leading digit decides; then the digits, the shorter padded with zeros.
        let (top, otherTop) = (digits.count + exponent, other.digits.count + other.exponent)
        if top != otherTop { return top < otherTop ? -1 : 1 }
        for index in 0..<max(digits.count, other.digits.count) {
            let (a, b) = (index < digits.count ? digits[index] : 0, index < other.digits.count ? other.digits[index] : 0)
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }

    /// Whether `self` is an integer multiple of `step` (> 0); nil when `step` has more than 18 significant digits.
    func isMultiple(of step: ExactNumber) -> Bool? {
        if digits.isEmpty { return true }
        guard !step.digits.isEmpty, step.digits.count <= 18 else { return nil }
        let divisor = step.digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1) }
        // self / step = M x 10^k / S. With k < 0 that needs 10 to divide M, which has no trailing zero.
        let k = exponent - step.exponent
        if k < 0 { return false }
        let remainder = digits.reduce(UInt64(0)) { ($0 * 10 + UInt64($1)) % divisor }
        return Self.multiply(remainder, Self.power(10, k, modulo: divisor), modulo: divisor) == 0
    }

    private static func multiply(_ a: UInt64, _ b: UInt64, modulo m: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return m.dividingFullWidth((product.high, product.low)).remainder
    }

    private static func power(_ base: UInt64, _ exponent: Int, modulo m: UInt64) -> UInt64 {
        var (result, square, rest) = (UInt64(1) % m, base % m, exponent)
        while rest > 0 {
            if rest & 1 == 1 { result = multiply(result, square, modulo: m) }
            square = multiply(square, square, modulo: m)
            rest >>= 1
        }
        return result
    }
}
