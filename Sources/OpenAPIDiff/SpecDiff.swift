import Foundation

/// What changed for clients between two versions of a spec: a pure function from the two texts to findings,
/// each placed in both files. Requests and answers are judged in opposite directions: a request schema breaks
/// clients when it accepts less than before, a response schema when it may hold more than before.
public enum SpecDiff {
    /// A problem in one of the two specs, with the file it is in.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The name the caller gave the spec (`oldFile` or `newFile`).
        public var file: String
        public var diagnostic: Diagnostic
        /// `file:line:col: error: ...`, as `openapi-gen lint` prints it.
        public var description: String { diagnostic.formatted(file: file) }
    }

    public struct Result: Sendable {
        /// In the order of the new spec's text (then the old one's).
        public var findings: [Finding]
        /// Errors met while reading either spec; when there are any, `findings` is empty.
        public var problems: [Problem]
        /// `info.version` of each spec, for the summary line and the major-version rule.
        public var oldVersion: String
        public var newVersion: String

        /// The findings that fail the gate.
        public var breaking: [Finding] { findings.filter { $0.kind == .breaking } }
        public var hasBreaking: Bool { findings.contains { $0.kind == .breaking } }

        /// True when `info.version`'s major number went up (`1.4.0` -> `2.0.0`), which announces breaking changes.
        public var raisesMajorVersion: Bool {
            guard let old = SpecDiff.majorVersion(oldVersion), let new = SpecDiff.majorVersion(newVersion) else { return false }
            return new > old
        }
    }

    /// - Parameters: `oldFile`/`newFile` name the specs in problems (findings carry locations only).
    public static func compare(old: String, new: String, oldFile: String = "old.yaml", newFile: String = "new.yaml") -> Result {
        let (oldDocument, oldProblems) = read(old, file: oldFile)
        let (newDocument, newProblems) = read(new, file: newFile)
        let problems = oldProblems + newProblems
        guard problems.isEmpty, let oldDocument, let newDocument else {
            return Result(findings: [], problems: problems, oldVersion: oldDocument?.version ?? "", newVersion: newDocument?.version ?? "")
        }
        let comparer = DocumentComparer(old: oldDocument, new: newDocument)
        comparer.run()
        let findings = merged(comparer.findings).enumerated().sorted {
            ($0.element.new, $0.element.old, $0.offset) < ($1.element.new, $1.element.old, $1.offset)
        }.map(\.element)
        return Result(findings: findings, problems: [], oldVersion: oldDocument.version, newVersion: newDocument.version)
    }

    /// One finding per change and place: a schema shared through `allOf` by several operations is reported where it
    /// is written, under the first operation met, with how many more use it.
    static func merged(_ findings: [Finding]) -> [Finding] {
        struct Key: Hashable {
            var kind: Finding.Kind, change: String, old: SourceLocation, new: SourceLocation
        }
        var order: [Key] = []
        var groups: [Key: [Finding]] = [:]
        for finding in findings {
            let key = Key(kind: finding.kind, change: finding.change, old: finding.old, new: finding.new)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(finding)
        }
        return order.map { key in
            let group = groups[key]!
            var first = group[0]
            let others = Set(group.dropFirst().map(\.subject)).subtracting([first.subject]).count
            if others > 0 { first.subject += " (and \(others) more place\(others == 1 ? "" : "s"))" }
            return first
        }
    }

    static func read(_ text: String, file: String) -> (Document?, [Problem]) {
        let diagnostics = DiagnosticCollector()
        let document = OpenAPIParser.parse(text, diagnostics: diagnostics)
        let errors = diagnostics.sorted.filter { $0.severity == .error }.map { Problem(file: file, diagnostic: $0) }
        return (document, errors)
    }

    /// The major number of a version such as `1.2.3`, `v2`, `3.0.0-beta.1`; nil when it does not start with one.
    public static func majorVersion(_ version: String) -> Int? {
        var text = Substring(version.trimmingCharacters(in: .whitespaces))
        if text.first == "v" || text.first == "V" { text = text.dropFirst() }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(digits.count)
        guard !digits.isEmpty, rest.isEmpty || [".", "-", "+"].contains(rest.first!) else { return nil }
        return Int(digits)
    }
}
