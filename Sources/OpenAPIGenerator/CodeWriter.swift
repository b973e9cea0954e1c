/// The renderer's only tool: appends lines at the current indentation. Nothing else concatenates Swift text
/// across lines, so indentation is owned in one place.
struct CodeWriter {
    private(set) var text = ""
    private var indentation = 0

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
            for textLine in paragraph.utf8.split(omittingEmptySubsequences: false, whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
                let trimmed = textLine.reversed().drop(while: { $0 == 0x20 || $0 == 0x09 }).count
                line(trimmed == 0 ? "///" : "/// " + String(decoding: textLine.prefix(trimmed), as: UTF8.self))
            }
        }
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    var trimmingTrailingWhitespace: String {
        guard let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[...last])
    }
}
