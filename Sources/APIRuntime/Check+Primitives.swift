import Foundation
import Synchronization

extension Check {
    public static func string(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: StringRules? = nil) -> String? {
        guard case .string(let text) = json else {
            ctx.add("string_type", "Input should be a valid string", json, at: loc)
            return nil
        }
        // PostgreSQL text cannot hold U+0000, and no client means it: refuse it in every string, with its place.
        if text.utf8.contains(0) {
            ctx.add("string_nul_character", "String should not contain NUL (\\u0000) characters", json, at: loc)
            return nil
        }
        guard let rules else { return text }
        let before = ctx.issues.count
        let length = text.unicodeScalars.count
        if let min = rules.minLength, length < min {
            ctx.add(
                "string_too_short", "String should have at least \(min) character\(min == 1 ? "" : "s")", json, at: loc,
                JSONObject([("min_length", .number(String(min)))]))
        }
        if let max = rules.maxLength, length > max {
            ctx.add(
                "string_too_long", "String should have at most \(max) character\(max == 1 ? "" : "s")", json, at: loc,
                JSONObject([("max_length", .number(String(max)))]))
        }
        if let pattern = rules.pattern, !Patterns.matches(pattern, text) {
            ctx.add(
                "string_pattern_mismatch", "String should match pattern '\(pattern)'", json, at: loc,
                JSONObject([("pattern", .string(pattern))]))
        }
        if let format = rules.format, let problem = Formats.problem(format, text) {
            ctx.add(problem.type, problem.message, json, at: loc)
        }
        return ctx.issues.count == before ? text : nil
    }

    public static func integer<I: FixedWidthInteger>(
        _ type: I.Type, _ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: NumberRules? = nil
    ) -> I? {
        let text: String
        switch json {
        case .number(let number): text = number
        case .string(let string) where ctx.parameters: text = string.trimmedWhitespace
        default:
            ctx.add("int_type", "Input should be a valid integer", json, at: loc)
            return nil
        }
        if case .string(let raw) = json, !Patterns.isDecimalInteger(raw) {
            // Parameters are decimal digits only: not `0x1`, `1e0`, `+1`, ` 1` or `1%00`.
            ctx.add("int_parsing", "Input should be a valid integer, unable to parse string as an integer", json, at: loc)
            return nil
        }
        var value = I(text)
        // `1.0`, `1e2`, a fraction, or out of range: read exactly, never through a `Double` (whose nearest value of
        // `9007199254740993.0` is ...992, and of `-9223372036854775809` is `Int64.min`).
        if value == nil, case .number = json, let exact = ExactNumber(text) {
            switch exact.integer(I.self) {
            case .value(let integer): value = integer
            case .fraction:
                ctx.add("int_from_float", "Input should be a valid integer, got a number with a fractional part", json, at: loc)
                return nil
            case .outOfRange: break
            }
        }
        guard let value else {
            if ctx.parameters, case .string = json, Double(text) == nil {
                ctx.add("int_parsing", "Input should be a valid integer, unable to parse string as an integer", json, at: loc)
            } else {
                ctx.add("int_parsing_size", "Input should be a valid integer, out of range for \(I.bitWidth)-bit integers", json, at: loc)
            }
            return nil
        }
        guard let rules else { return value }
        let before = ctx.issues.count
        rules.check(CheckedNumber(text: text, double: Double(value), integer: Int64(exactly: value)), json, at: loc, &ctx)
        return ctx.issues.count == before ? value : nil
    }

    public static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _ type: F.Type, _ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: NumberRules? = nil
    ) -> F? {
        let value: Double?
        var text = ""
        switch json {
        case .number(let number):
            text = number
            value = Double(number)
        case .string(let string) where ctx.parameters:
            text = string.trimmedWhitespace
            // `Double(_:)` also reads hexadecimal (`0x1p3`) and stops at NUL: take JSON's number syntax only.
            value = Patterns.isDecimalNumber(text) ? Double(text) : nil
            if value == nil {
                ctx.add("float_parsing", "Input should be a valid number, unable to parse string as a number", json, at: loc)
                return nil
            }
        default:
            value = nil
        }
        guard let value, value.isFinite else {
            ctx.add("float_type", "Input should be a valid number", json, at: loc)
            return nil
        }
        guard let rules else { return F(value) }
        let before = ctx.issues.count
        rules.check(CheckedNumber(text: text, double: value, integer: Int64(text)), json, at: loc, &ctx)
        return ctx.issues.count == before ? F(value) : nil
    }

    public static func bool(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) -> Bool? {
        switch json {
        case .bool(let value): return value
        case .string(let text) where ctx.parameters:
            switch text.lowercased() {
            case "true", "1", "yes", "on", "t", "y": return true
            case "false", "0", "no", "off", "f", "n": return false
            default:
                ctx.add("bool_parsing", "Input should be a valid boolean, unable to interpret input", json, at: loc)
                return nil
            }
        default:
            ctx.add("bool_type", "Input should be a valid boolean", json, at: loc)
            return nil
        }
    }

    public static func dateTime(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) -> Date? {
        guard case .string(let text) = json else {
            ctx.add("datetime_type", "Input should be a valid datetime", json, at: loc)
            return nil
        }
        guard let date = RFC3339.parse(text) else {
            ctx.add("datetime_from_date_parsing", "Input should be a valid datetime, expected an RFC 3339 date-time with a time zone", json, at: loc)
            return nil
        }
        return date
    }

    public static func uuid(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) -> UUID? {
        guard case .string(let text) = json else {
            ctx.add("uuid_type", "UUID input should be a string, bytes or UUID object", json, at: loc)
            return nil
        }
        guard let uuid = UUID(uuidString: text) else {
            ctx.add("uuid_parsing", "Input should be a valid UUID, invalid character or length", json, at: loc)
            return nil
        }
        return uuid
    }
}

/// Compiled `pattern`s, cached: a spec has few, and compiling one per request would dominate the cost.
enum Patterns {
    private static let cache = Mutex<[String: NSRegularExpression]>([:])

    static func matches(_ pattern: String, _ text: String) -> Bool {
        let regex = cache.withLock { cache -> NSRegularExpression? in
            if let cached = cache[pattern] { return cached }
            let compiled = try? NSRegularExpression(pattern: anchoredAtEnd(pattern))
            cache[pattern] = compiled
            return compiled
        }
        // The generator refuses patterns that do not compile, so nil here means a hand-written rule.
        guard let regex else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The pattern with each `$` that is an anchor written `\z`: ICU's `$` also matches before a final line
    /// terminator, so `^[a-z]+$` would accept `"abc\n"`; JSON Schema's (ECMA-262's) `$` is the end of input.
    /// An escaped `\$` and a `$` inside a character class stay literal.
    static func anchoredAtEnd(_ pattern: String) -> String {
        var result = ""
        var escaped = false
        var classDepth = 0
        for character in pattern {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "[" {
                classDepth += 1
            } else if character == "]", classDepth > 0 {
                classDepth -= 1
            } else if character == "$", classDepth == 0 {
                result += "\\z"
                continue
            }
            result.append(character)
        }
        return result
    }

    /// `-?[0-9]+`: what a parameter written as an integer may look like.
    static func isDecimalInteger(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// JSON's number grammar: an optional minus, digits, an optional fraction and exponent.
    static func isDecimalNumber(_ text: String) -> Bool {
        guard text.utf8.first != UInt8(ascii: " "), case .number? = try? JSONValue.parse(text) else { return false }
        return true
    }
}
