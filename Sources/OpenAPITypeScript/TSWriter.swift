/// The renderers' only tool: lines at the current indentation (two spaces, as TypeScript is usually written),
/// doc comments, and types printed from `TSType`. Nothing else writes TypeScript text across lines.
struct TSWriter {
    private(set) var text = ""
    private var level = 0

    mutating func line(_ content: String = "") {
        if !content.isEmpty { text += String(repeating: "  ", count: level) + content }
        text += "\n"
    }

    mutating func block(_ header: String, closing: String = "}", _ body: (inout TSWriter) -> Void) {
        line(header + " {")
        level += 1
        body(&self)
        level -= 1
        line(closing)
    }

    /// A scope whose opening line is given whole (`send(`, `[`), closed by `closing`.
    mutating func scope(_ opening: String, closing: String, _ body: (inout TSWriter) -> Void) {
        line(opening)
        level += 1
        body(&self)
        level -= 1
        line(closing)
    }

    /// A `/** ... */` comment; nothing for no text. `*/` inside the text is broken up so it cannot end the comment.
    mutating func doc(_ paragraphs: [String]) {
        let lines = paragraphs.flatMap { paragraph in
            paragraph.split(separator: "\n", omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "*/", with: "*\\/").replacingOccurrences(of: "\r", with: "")
                    .trimmingTrailingSpaces()
            }
        }
        var trimmed = lines
        while trimmed.last?.isEmpty == true { trimmed.removeLast() }
        while trimmed.first?.isEmpty == true { trimmed.removeFirst() }
        guard !trimmed.isEmpty else { return }
        if trimmed.count == 1 {
            line("/** \(trimmed[0]) */")
            return
        }
        line("/**")
        for text in trimmed { line(text.isEmpty ? " *" : " * " + text) }
        line(" */")
    }

    /// `export type Name = T;`.
    mutating func typeAlias(_ name: String, _ type: TSType, doc: [String]) {
        self.doc(doc)
        if case .union(let members) = type, members.contains(where: isMultiline) {
            line("export type \(name) =")
            level += 1
            for (index, member) in members.enumerated() {
                write(member, prefix: "| ", suffix: index == members.count - 1 ? ";" : "")
            }
            level -= 1
        } else {
            write(type, prefix: "export type \(name) = ", suffix: ";")
        }
    }

    /// Writes `prefix + type + suffix`, over several lines when the type holds object members.
    mutating func write(_ type: TSType, prefix: String, suffix: String) {
        switch type {
        case .object(let properties) where !properties.isEmpty:
            scope(prefix + "{", closing: "}" + suffix) { w in
                for property in properties { w.property(property) }
            }
        case .intersection(let parts) where parts.contains(where: isMultiline):
            var current = prefix
            for (index, part) in parts.enumerated() {
                let last = index == parts.count - 1
                if isMultiline(part) {
                    write(part, prefix: current, suffix: last ? suffix : " &")
                    current = ""
                } else {
                    current += inline(part, insideIntersection: true) + (last ? suffix : " & ")
                    if last { line(current) }
                }
            }
        default:
            line(prefix + inline(type) + suffix)
        }
    }

    private mutating func property(_ property: TSProperty) {
        doc(property.doc)
        let key = TSNaming.propertyKey(property.name) + (property.optional ? "?: " : ": ")
        write(property.type, prefix: (property.readOnly ? "readonly " : "") + key, suffix: ";")
    }

    private func isMultiline(_ type: TSType) -> Bool {
        switch type {
        case .object(let properties): return !properties.isEmpty
        case .intersection(let parts), .union(let parts): return parts.contains(where: isMultiline)
        case .array(let element), .map(let element): return isMultiline(element)
        default: return false
        }
    }

    /// One-line text of a type; object members are written inline, which `write` avoids where it can.
    func inline(_ type: TSType, insideIntersection: Bool = false) -> String {
        switch type {
        case .keyword(let text), .literal(let text), .named(let text): return text
        case .array(let element):
            switch element {
            case .union, .intersection: return "Array<\(inline(element))>"
            default: return inline(element) + "[]"
            }
        case .map(let value): return "{ [key: string]: \(inline(value)) }"
        case .object(let properties):
            if properties.isEmpty { return "{}" }
            let members = properties.map { TSNaming.propertyKey($0.name) + ($0.optional ? "?: " : ": ") + inline($0.type) }
            return "{ " + members.joined(separator: "; ") + " }"
        case .union(let members):
            let text = members.map { inline($0) }.joined(separator: " | ")
            return insideIntersection ? "(\(text))" : text
        case .intersection(let parts):
            return parts.map { inline($0, insideIntersection: true) }.joined(separator: " & ")
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " || result.last == "\t" { result.removeLast() }
        return result
    }
}
