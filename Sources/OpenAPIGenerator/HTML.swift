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
    /// the spec wrote). Backticks pair from the left; an unpaired last one stays as written.
    static func codeSpans(_ escaped: String) -> String {
        var escaped = escaped
        return escaped.withUTF8 { bytes in
            let ticks = bytes.indices.filter { bytes[$0] == UInt8(ascii: "`") }
            guard ticks.count >= 2 else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + ticks.count / 2 * 13)
            var position = 0
            for pair in stride(from: 0, to: ticks.count - 1, by: 2) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<ticks[pair]]))
                out.append(contentsOf: "<code>".utf8)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(ticks[pair] + 1)..<ticks[pair + 1]]))
                out.append(contentsOf: "</code>".utf8)
                position = ticks[pair + 1] + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A fragment identifier made of letters, digits, `-` and `_` only: any other character becomes `-`.
    static func anchor(_ prefix: String, _ name: String) -> String {
        var out = Array(prefix.utf8)
        out.append(UInt8(ascii: "-"))
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: out.append(UInt8(scalar.value))
            default: out.append(UInt8(ascii: "-"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
