/// The renderer's only tool: appends lines at the current indentation. Nothing else concatenates Swift text
/// across lines, so indentation is owned in one place.
struct CodeWriter {
    private(set) var text = ""
    private var indentation = 0

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
            return
        }
        text += String(repeating: "    ", count: indentation) + content + "\n"
    }

    mutating func block(_ header: String, _ body: (inout CodeWriter) -> Void) {
        line(header + " {")
        indentation += 1
        body(&self)
        indentation -= 1
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

    /// `///` lines for a doc comment; nothing for empty text.
    mutating func doc(_ paragraphs: [String?]) {
        let present = paragraphs.compactMap { $0?.trimmingWhitespace }.filter { !$0.isEmpty }
        for (index, paragraph) in present.enumerated() {
            if index > 0 { line("///") }
            for textLine in paragraph.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
                line(("/// " + textLine).trimmingTrailingWhitespace)
            }
        }
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    var trimmingTrailingWhitespace: String {
        String(String(reversed()).drop(while: \.isWhitespace).reversed())
    }
}
