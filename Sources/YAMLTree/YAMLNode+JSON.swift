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
        JSONString.append(text, to: &out)
    }
}

/// A JSON string literal for any text: `"`, `\` and control characters escaped, and U+2028/U+2029 too, so the
/// same literal is also a valid JavaScript and TypeScript string (the TypeScript emitter and the docs page use it).
public enum JSONString {
    public static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    /// Appends `text` quoted. Works on UTF-8 bytes and copies the runs between escapes whole: the generator
    /// quotes whole specs (megabytes) this way.
    public static func append(_ text: String, to out: inout String) {
        var text = text
        // Most strings (keys, names) need no escape: appended as they are.
        let plain = text.withUTF8 { bytes in
            !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F || $0 == 0xE2 }
        }
        if plain {
            out += "\""
            out += text
            out += "\""
            return
        }
        text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 2)
            result.append(UInt8(ascii: "\""))
            var runStart = 0
            var index = 0
            func escape(_ replacement: String, skipping count: Int) {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                result.append(contentsOf: replacement.utf8)
                index += count
                runStart = index
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): escape("\\\"", skipping: 1)
                case UInt8(ascii: "\\"): escape("\\\\", skipping: 1)
                case 0x0A: escape("\\n", skipping: 1)
                case 0x0D: escape("\\r", skipping: 1)
                case 0x09: escape("\\t", skipping: 1)
                case 0x08: escape("\\b", skipping: 1)
                case 0x0C: escape("\\f", skipping: 1)
                case 0..<0x20, 0x7F: escape(byte < 0x10 ? "\\u000\(String(byte, radix: 16))" : "\\u00\(String(byte, radix: 16))", skipping: 1)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 and U+2029: valid in JSON, line terminators in older JavaScript.
                    escape(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", skipping: 3)
                default: index += 1
                }
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            result.append(UInt8(ascii: "\""))
            out += String(decoding: result, as: UTF8.self)
        }
    }
}
