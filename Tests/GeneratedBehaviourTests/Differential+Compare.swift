import APIRuntime
import Foundation

/// Whether a decoded value encoded back (`jsonValue`) to what the spec allows. `expected` comes from
/// Tests/differential/expected.py: the instance without the members the decoded type does not keep (undeclared ones
/// of a struct, writeOnly ones, which `jsonValue` never writes) and with each absent member's non-null `default`.
/// Beyond that, only these differences are allowed:
/// - member order (JSON objects are unordered; generated types write members in spec order);
/// - the spelling of a number: numbers compare by exact decimal value (`1.0` = `1`, `1e2` = `100`, `-0` = `0`),
///   except at `doubles` pointers (`type: number` members, decoded as `Double`), which compare as the `Double`
///   nearest each spelling (RFC 8259 section 6: interoperable JSON numbers are IEEE doubles);
/// - at `datetimes` pointers (`format: date-time`, decoded as `Date`), the spelling of the instant: both strings are
///   read with `RFC3339.parse`, and must be within 1 µs (the encoder writes UTC with microseconds) or two ulps of
///   the `Double` a `Date` holds, whichever is larger (far from 2001 a `Double` holds fewer than microseconds).
struct RoundTrip {
    var datetimes: Set<String>
    var doubles: Set<String>

    init(datetimes: [String], doubles: [String]) {
        self.datetimes = Set(datetimes)
        self.doubles = Set(doubles)
    }

    /// Where and how `actual` differs from `expected` beyond the allowances, or nil.
    func difference(expected: JSONValue, actual: JSONValue, at pointer: String = "") -> String? {
        let here = pointer.isEmpty ? "/" : pointer
        switch (expected, actual) {
        case (.object(let e), .object(let a)):
            let expectedKeys = Set(e.members.map(\.key))
            let actualKeys = Set(a.members.map(\.key))
            if expectedKeys != actualKeys {
                return "members at \(here): expected \(expectedKeys.sorted()), got \(actualKeys.sorted())"
            }
            for member in e.members {
                let child = pointer + "/" + member.key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                if let problem = difference(expected: member.value, actual: a[member.key] ?? .null, at: child) { return problem }
            }
            return nil
        case (.array(let e), .array(let a)):
            if e.count != a.count { return "\(e.count) items expected at \(here), got \(a.count)" }
            for (index, pair) in zip(e, a).enumerated() {
                if let problem = difference(expected: pair.0, actual: pair.1, at: pointer + "/\(index)") { return problem }
            }
            return nil
        case (.number(let e), .number(let a)):
            let same = doubles.contains(pointer) ? Double(e) == Double(a) : Self.sameNumber(e, a)
            return same ? nil : "number at \(here): expected \(e), got \(a)"
        case (.string(let e), .string(let a)) where datetimes.contains(pointer):
            guard let expectedDate = RFC3339.parse(e), let actualDate = RFC3339.parse(a) else {
                return "date-time at \(here): \(e) came back as \(a), which RFC3339.parse cannot read"
            }
            let (x, y) = (expectedDate.timeIntervalSinceReferenceDate, actualDate.timeIntervalSinceReferenceDate)
            return abs(x - y) <= max(1e-6, 2 * x.ulp) ? nil : "date-time at \(here): \(e) came back as \(a)"
        default:
            return expected == actual ? nil : "at \(here): expected \(Self.text(expected)), got \(Self.text(actual))"
        }
    }

    static func text(_ json: JSONValue) -> String { String(decoding: JSONWriter.write(json), as: UTF8.self) }

    /// Whether two JSON number texts are the same number, exactly (no rounding through Double).
    static func sameNumber(_ a: String, _ b: String) -> Bool {
        guard let x = exact(a), let y = exact(b) else { return a == b }
        return x == y
    }

    /// A JSON number as (negative, significant digits, exponent) with no leading or trailing zeros; zero is unsigned.
    static func exact(_ text: String) -> ExactNumber? {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(rest[rest.index(after: e)...]) else { return nil }
            exponent = value
            rest = rest[..<e]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? parts[1] : ""
        var digits = Substring(parts[0] + fraction).drop { $0 == "0" }
        exponent -= fraction.count
        while digits.last == "0" {
            digits = digits.dropLast()
            exponent += 1
        }
        if digits.isEmpty { return ExactNumber(negative: false, digits: "0", exponent: 0) }
        return ExactNumber(negative: negative, digits: String(digits), exponent: exponent)
    }

    struct ExactNumber: Equatable {
        var negative: Bool
        var digits: String
        var exponent: Int
    }
}
