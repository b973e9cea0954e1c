import Foundation

/// Text for the docs page. Spec text is untrusted: everything taken from the spec goes through `escape` (or
/// `prose`, which escapes first), so a description holding `<script>` shows as text and never runs.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A description as HTML: escaped, `code` spans kept as code, blank lines as paragraph breaks.
    static func prose(_ text: String) -> String {
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return paragraphs.map { "<p>" + codeSpans(escape($0)) + "</p>" }.joined()
    }

    /// `a` -> <code>a</code> in already escaped text (backticks are not special in HTML, so this cannot open a tag
    /// the spec wrote).
    static func codeSpans(_ escaped: String) -> String {
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
