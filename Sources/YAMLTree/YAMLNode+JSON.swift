extension YAMLNode {
    /// The node as compact JSON text, keys in document order, scalars typed by the YAML 1.2 core schema:
    /// plain `null`/`~`/empty, `true`/`false`, integers and floats keep their meaning; quoted and block
    /// scalars, and every key, are strings. `.inf` and `.nan`, which JSON cannot hold, become strings.
    public var jsonText: String {
        var out = ""
        out.reserveCapacity(expandedSize * 8)
        writeJSON(into: &out)
        return out
    }

    private func writeJSON(into out: inout String) {
        switch content {
        case .scalar(let text, let style):
            if style == .quoted {
                Self.writeJSONString(text, into: &out)
            } else if isNull {
                out += "null"
            } else if let bool {
                out += bool ? "true" : "false"
            } else if let number = Self.jsonNumber(text) {
                out += number
            } else {
                Self.writeJSONString(text, into: &out)
            }
        case .sequence(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.writeJSON(into: &out)
            }
            out += "]"
        case .mapping(let pairs):
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                Self.writeJSONString(pair.key.scalar ?? pair.key.jsonText, into: &out)
                out += ":"
                pair.value.writeJSON(into: &out)
            }
            out += "}"
        }
    }

    /// A plain scalar that the core schema reads as an integer or a finite float, in JSON's spelling.
    static func jsonNumber(_ text: String) -> String? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard let first = digits.first else { return nil }
        if digits.hasPrefix("0x") || digits.hasPrefix("0o") {
            guard first == "0", text.first != "+", text.first != "-",
                let value = Int(digits.dropFirst(2), radix: digits.hasPrefix("0x") ? 16 : 8)
            else { return nil }
            return String(value)
        }
        // [0-9]+ | [0-9]*.[0-9]* with at least one digit, then an optional exponent.
        var index = digits.startIndex
        var mantissaDigits = 0
        var integerPart = ""
        var fractionPart = ""
        var seenPoint = false
        while index < digits.endIndex, digits[index].isASCII, digits[index].isNumber || digits[index] == "." {
            if digits[index] == "." {
                if seenPoint { return nil }
                seenPoint = true
            } else {
                mantissaDigits += 1
                if seenPoint { fractionPart.append(digits[index]) } else { integerPart.append(digits[index]) }
            }
            index = digits.index(after: index)
        }
        guard mantissaDigits > 0 else { return nil }
        var exponent = ""
        if index < digits.endIndex {
            guard digits[index] == "e" || digits[index] == "E" else { return nil }
            var rest = digits[digits.index(after: index)...]
            var sign = ""
            if let s = rest.first, s == "+" || s == "-" {
                sign = s == "-" ? "-" : ""
                rest = rest.dropFirst()
            }
            guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            exponent = "e" + sign + rest
        }
        let trimmedInteger = integerPart.drop { $0 == "0" }
        var number = negative ? "-" : ""
        number += trimmedInteger.isEmpty ? "0" : String(trimmedInteger)
        if seenPoint { number += "." + (fractionPart.isEmpty ? "0" : fractionPart) }
        return number + exponent
    }

    static func writeJSONString(_ text: String, into out: inout String) {
        out += JSONString.quoted(text)
    }
}

/// A JSON string literal for any text: `"`, `\` and control characters escaped, and U+2028/U+2029 too, so the
/// same literal is also a valid JavaScript and TypeScript string (the TypeScript emitter and the docs page use it).
public enum JSONString {
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
