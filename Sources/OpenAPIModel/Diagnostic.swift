@_exported import YAMLTree

/// A message about the spec at a place in it, printed the way compilers print theirs so that
/// `swift build`, Xcode and editors show it at the spot.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// The lint rule that found it (`unknown-type`), printed in brackets after the message so a spec can name it
    /// in `x-openapi-gen-lint: {disable: [...]}`; nil for problems no rule owns (YAML syntax, unresolved `$ref`s).
    public var rule: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, rule: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.rule = rule
    }

    /// `LINE:COL: error: message`, to be prefixed with the file's path. Always one line: line breaks and other
    /// control characters that a message quotes from the spec are escaped, or tools would read a second diagnostic.
    public var description: String {
        let escaped = message.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
                ? scalar.escaped(asASCII: true) : String(scalar)
        }
        let suffix = rule.map { " [\($0)]" } ?? ""
        return "\(location.line):\(location.column): \(severity.rawValue): \(escaped.joined())\(suffix)"
    }

    /// `path:LINE:COL: error: message`.
    public func formatted(file: String) -> String { "\(file):\(description)" }
}

/// Collects diagnostics while a stage runs; the stage goes on after an error so that one run reports them all.
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, message, at: location))
    }

    public func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, message, at: location))
    }

    /// A finding of `rule`, with the severity the rule is registered with.
    public func report(_ rule: LintRule, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(rule.severity, message, at: location, rule: rule.name))
    }

    public func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Drops what `shouldRemove` selects (the findings of rules a spec disabled).
    public func removeAll(where shouldRemove: (Diagnostic) -> Bool) {
        diagnostics.removeAll(where: shouldRemove)
    }

    /// In source order, so the output reads top to bottom.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }.map(\.element)
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo. Candidates that cannot beat
/// the best so far are cut short, so a spec with many dangling refs among many names stays quick.
public func nearestName(to word: String, in candidates: some Sequence<String>) -> String? {
    let limit = max(2, word.count / 3)
    let lowered = Array(word.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let other = Array(candidate.lowercased())
        let bound = min(limit, (best?.distance ?? Int.max) - 1)
        // The distance is at least the difference in length.
        guard abs(other.count - lowered.count) <= bound else { continue }
        let distance = editDistance(lowered, other, atMost: bound)
        if distance <= bound { best = (candidate, distance) }
    }
    return best?.name
}

/// The edit distance of `a` and `b`, or `bound + 1` as soon as it must be more than `bound`.
func editDistance(_ a: [Character], _ b: [Character], atMost bound: Int) -> Int {
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        var rowMinimum = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            rowMinimum = min(rowMinimum, current[j])
        }
        if rowMinimum > bound { return bound + 1 }
        swap(&previous, &current)
    }
    return previous[b.count]
}
