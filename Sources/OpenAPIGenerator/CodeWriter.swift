/// The renderer's only tool: appends lines at the current indentation. Nothing else concatenates Swift text
/// across lines, so indentation is owned in one place.
struct CodeWriter {
    private(set) var text = ""
    private var indentation = 0
    /// Bytes of `text` in doc comments: the compiler skips them, so they do not count toward a file's weight.
    private(set) var docBytes = 0

    private static let indents = (0..<32).map { String(repeating: "    ", count: $0) }

    mutating func line(_ content: String = "") {
        if !content.isEmpty {
            text += indentation < Self.indents.count ? Self.indents[indentation] : String(repeating: "    ", count: indentation)
            text += content
        }
        text += "\n"
    }

    mutating func block(_ header: String, _ body: (inout CodeWriter) -> Void) {
        line(header + " {")
        indentation += 1
        body(&self)
        indentation -= 1
        line("}")
    }

    /// A `switch`: its `case` lines at the level of the `switch`, as Swift style has them.
    mutating func switchBlock(_ subject: String, _ body: (inout CodeWriter) -> Void) {
        line("switch \(subject) {")
        body(&self)
        line("}")
    }

    /// A scope whose opening line is given whole (a closure's `{ a, b in`), closed by `closing`.
    mutating func scope(_ opening: String, closing: String = "}", _ body: (inout CodeWriter) -> Void) {
        line(opening)
        indentation += 1
        body(&self)
        indentation -= 1
        line(closing)
    }

    /// `///` lines for a doc comment; nothing for empty text. Byte-wise: specs carry long descriptions.
    mutating func doc(_ paragraphs: [String?]) {
        let before = text.utf8.count
        defer { docBytes += text.utf8.count - before }
        var first = true
        for case let paragraph? in paragraphs {
            let bytes = Array(paragraph.utf8)
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else { continue }
            if !first { line("///") }
            first = false
            var lineStart = start
            var index = start
            while index <= end + 1 {
                if index == end + 1 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                    var lineEnd = index
                    while lineEnd > lineStart, bytes[lineEnd - 1] == 0x20 || bytes[lineEnd - 1] == 0x09 { lineEnd -= 1 }
                    line(lineEnd == lineStart ? "///" : "/// " + String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self))
                    if index < end, bytes[index] == 0x0D, bytes[index + 1] == 0x0A { index += 1 }
                    lineStart = index + 1
                }
                index += 1
            }
        }
    }
}
