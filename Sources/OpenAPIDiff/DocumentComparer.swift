/// Which way data flows through a schema, which decides whether a narrower schema breaks clients.
enum Direction: String {
    /// Clients send it: accepting less than before breaks them.
    case request
    /// Clients read it: possibly holding more than before breaks them.
    case response

    /// The kind of a change that makes the schema accept less (`narrowed`) or more.
    func kind(narrowed: Bool) -> Finding.Kind {
        (self == .request) == narrowed ? .breaking : .additive
    }
}

/// The state of one comparison: both documents, the findings so far, and the component pairs already compared
/// (which makes recursive schemas safe and reports a shared component once, where it is written).
final class DocumentComparer {
    let old: Document
    let new: Document
    let oldSchemas: [String: Schema]
    let newSchemas: [String: Schema]
    var findings: [Finding] = []
    var comparedComponents: Set<String> = []

    init(old: Document, new: Document) {
        self.old = old
        self.new = new
        oldSchemas = Dictionary(old.schemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        newSchemas = Dictionary(new.schemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
    }

    func report(_ kind: Finding.Kind, _ subject: String, _ change: String, old: SourceLocation, new: SourceLocation) {
        findings.append(Finding(kind, subject, change, old: old, new: new))
    }

    func run() {
        compareSecuritySchemes()
        let oldByKey = Dictionary(old.operations.map { (Self.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newByKey = Dictionary(new.operations.map { (Self.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        for operation in old.operations {
            guard let match = newByKey[Self.key(operation)] else {
                let parent = new.operations.first { Self.template($0.path) == Self.template(operation.path) }?.location ?? new.pathsLocation
                report(.breaking, Self.name(operation), "operation removed", old: operation.location, new: parent)
                continue
            }
            compare(operation, match)
        }
        for operation in new.operations where oldByKey[Self.key(operation)] == nil {
            let parent = old.operations.first { Self.template($0.path) == Self.template(operation.path) }?.location ?? old.pathsLocation
            report(.additive, Self.name(operation), "operation added", old: parent, new: operation.location)
        }
    }

    /// `GET /tasks/{}`: operations match by method and path, whatever their path parameters are called.
    static func key(_ operation: Operation) -> String { "\(operation.method.rawValue) \(template(operation.path))" }

    static func name(_ operation: Operation) -> String { "\(operation.method.rawValue.uppercased()) \(operation.path)" }

    /// The path with every `{name}` written `{}`.
    static func template(_ path: String) -> String {
        var result = ""
        var inName = false
        for character in path {
            if character == "{" {
                inName = true
                result.append("{")
            } else if character == "}" {
                inName = false
                result.append("}")
            } else if !inName {
                result.append(character)
            }
        }
        return result
    }

    /// The names in a path template, in order.
    static func pathNames(_ path: String) -> [String] {
        path.split(separator: "{", omittingEmptySubsequences: false).dropFirst().map { String($0.prefix { $0 != "}" }) }
    }

    func compare(_ oldOperation: Operation, _ newOperation: Operation) {
        let name = Self.name(newOperation)
        let here = (old: oldOperation.location, new: newOperation.location)
        if oldOperation.operationId != newOperation.operationId {
            report(
                .additive, name,
                "operationId renamed from '\(oldOperation.operationId)' to '\(newOperation.operationId)' (generated clients rename the method)",
                old: here.old, new: here.new)
        }
        if !oldOperation.deprecated && newOperation.deprecated {
            report(.additive, name, "deprecated", old: here.old, new: here.new)
        }
        compareSecurity(oldOperation, newOperation)
        compareParameters(oldOperation, newOperation)
        compareRequestBody(oldOperation, newOperation)
        compareResponses(oldOperation, newOperation)
    }
}
