/// Text for the docs page. Spec text is untrusted: everything taken from the spec goes through `escape` (or
/// `prose`, which escapes first), so a description holding `<script>` shows as text and never runs.
enum HTML {
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: { Self.isSpecial($0) }) else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            var runStart = 0
            for index in bytes.indices where Self.isSpecial(bytes[index]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch bytes[index] {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(contentsOf: "\u{FFFD}".utf8)  // NUL
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0: true
        default: false
        }
    }

    /// A description as HTML: escaped, `code` spans kept as code, blank lines as paragraph breaks.
    static func prose(_ text: String) -> String {
        var out = ""
        for paragraph in paragraphs(text) {
            out += "<p>"
            out += codeSpans(escape(String(paragraph)))
            out += "</p>"
        }
        return out
    }

    /// The text split at each blank line ("\n\n"), each part trimmed of white space, empty parts dropped.
    static func paragraphs(_ text: String) -> [Substring] {
        var parts: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == 0x0A, next < utf8.endIndex, utf8[next] == 0x0A {
                parts.append(text[start..<index])
                index = utf8.index(after: next)
                start = index
            } else {
                index = next
            }
        }
        parts.append(text[start...])
        return parts.map(trimmed).filter { !$0.isEmpty }
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return Substring(scalars[first...last])
    }

    /// `a` -> <code>a</code> in already escaped text (backticks are not special in HTML, so this cannot open a tag
    /// the spec wrote).
    static func codeSpans(_ escaped: String) -> String {
        guard escaped.utf8.contains(UInt8(ascii: "`")) else { return escaped }
        let parts = escaped.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return escaped }
        var out = ""
        for (index, part) in parts.enumerated() {
            if index % 2 == 1 && index < parts.count - 1 {
                out += "<code>" + part + "</code>"
            } else {
                out += (index % 2 == 1 ? "`" : "") + part
            }
        }
        return out
    }

    /// A fragment identifier made of letters, digits, `-` and `_` only.
    static func anchor(_ prefix: String, _ name: String) -> String {
        prefix + "-"
            + String(
                name.unicodeScalars.map { scalar -> Character in
                    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") ? Character(scalar) : "-"
                })
    }
}
