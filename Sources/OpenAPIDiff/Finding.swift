@_exported import OpenAPIModel

/// One difference between two versions of a spec that a client could notice, placed in both files.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// An existing client may stop working: a request it sends is refused, or an answer it reads surprises it.
        case breaking
        /// Every existing client keeps working; new clients may use more.
        case additive
    }

    public var kind: Kind
    /// Where in the API: `POST /api/{user_id}/tasks request body (application/json) property 'title'`.
    public var subject: String
    /// What changed: `maxLength lowered from 200 to 100`.
    public var change: String
    /// The place in the old spec; for something added, the place its parent was.
    public var old: SourceLocation
    /// The place in the new spec; for something removed, the place its parent is now.
    public var new: SourceLocation

    /// Findings are made by `SpecDiff.compare`; tests make the ones they expect.
    public init(_ kind: Kind, _ subject: String, _ change: String, old: SourceLocation, new: SourceLocation) {
        self.kind = kind
        self.subject = subject
        self.change = change
        self.old = old
        self.new = new
    }

    /// The subject and the change, as the printed line says them.
    public var message: String { subject.isEmpty ? change : "\(subject): \(change)" }

    /// `breaking: GET /x: ...` without files, for tests and logs.
    public var description: String { "\(kind.rawValue): \(message)" }

    /// One line that compilers' and editors' problem matchers read, at the new spec, naming the old place too:
    /// `new.yaml:14:5: error: breaking: ... (was old.yaml:12:5)`. Additive changes are `note:`s.
    public func formatted(oldFile: String, newFile: String) -> String {
        let severity: Diagnostic.Severity = kind == .breaking ? .error : .note
        let line = Diagnostic(severity, "\(kind.rawValue): \(message) (was \(oldFile):\(old))", at: new)
        return line.formatted(file: newFile)
    }
}
