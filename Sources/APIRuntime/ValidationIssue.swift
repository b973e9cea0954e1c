/// One step of the path to a value: an object key or an array index, as FastAPI's `loc` lists them.
public enum PathComponent: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }

    var json: JSONValue {
        switch self {
        case .key(let key): .string(key)
        case .index(let index): .number(String(index))
        }
    }
}

public typealias JSONPath = [PathComponent]

/// One violation, in the shape FastAPI (pydantic 2) reports it, so existing clients read it unchanged.
public struct ValidationIssue: Sendable, Hashable {
    public var type: String
    public var loc: JSONPath
    public var msg: String
    public var input: JSONValue
    public var ctx: JSONObject?

    public init(type: String, loc: JSONPath, msg: String, input: JSONValue, ctx: JSONObject? = nil) {
        self.type = type
        self.loc = loc
        self.msg = msg
        self.input = input
        self.ctx = ctx
    }

    public var json: JSONValue {
        var object = JSONObject([("type", .string(type)), ("loc", .array(loc.map(\.json))), ("msg", .string(msg)), ("input", input)])
        if let ctx { object.append("ctx", .object(ctx)) }
        return .object(object)
    }
}

/// A request that failed validation: answered 422 with `{"detail": [issues...]}`.
public struct ValidationFailure: Error, Sendable {
    public var issues: [ValidationIssue]
    public init(_ issues: [ValidationIssue]) { self.issues = issues }

    public var problem: APIProblem {
        APIProblem(status: 422, detail: .array(issues.map(\.json)))
    }
}

/// The state of decoding one request: the issues found so far, and whether values come from the URL or
/// headers (text that may be converted, as FastAPI does) or from the JSON body (types must match).
public struct DecodeContext: Sendable {
    public var issues: [ValidationIssue] = []
    public var parameters: Bool
    /// The files of a `multipart/form-data` body, and the request's token that their placeholders carry
    /// (`MultipartBody.form`).
    public var files: [FilePart] = []
    public var fileToken = ""

    public init(parameters: Bool = false) {
        self.parameters = parameters
    }

    public mutating func add(_ type: String, _ msg: String, _ input: JSONValue, at loc: JSONPath, _ ctx: JSONObject? = nil) {
        issues.append(ValidationIssue(type: type, loc: loc, msg: msg, input: input, ctx: ctx))
    }

    public mutating func enumMismatch(_ expected: [String], _ input: JSONValue, at loc: JSONPath) {
        let list = expected.count > 1 ? expected.dropLast().joined(separator: ", ") + " or " + (expected.last ?? "") : expected.joined()
        add("enum", "Input should be \(list)", input, at: loc, JSONObject([("expected", .string(list))]))
    }

    /// What a 422 shows instead of a secret's value.
    public static let redacted = JSONValue.string("[redacted]")

    /// Hides the values of `secrets` (members of the object at `loc`: `writeOnly` or `format: password`) in the
    /// issues recorded since `start`: an issue about a secret shows no input, and an object echoed as input (a
    /// missing member, an extra one) shows the secret members as redacted.
    public mutating func redact(_ secrets: Set<String>, at loc: JSONPath, since start: Int) {
        for i in start..<issues.count {
            if issues[i].loc.count > loc.count, issues[i].loc.starts(with: loc), case .key(let key) = issues[i].loc[loc.count], secrets.contains(key),
                issues[i].type != "missing"
            {
                issues[i].input = Self.redacted
            } else if case .object(let object) = issues[i].input, object.members.contains(where: { secrets.contains($0.key) }) {
                issues[i].input = .object(JSONObject(object.members.map { ($0.key, secrets.contains($0.key) ? Self.redacted : $0.value) }))
            }
        }
    }

    /// Throws the 422 failure when any issue was recorded.
    public func check() throws(ValidationFailure) {
        if !issues.isEmpty { throw failure }
    }

    public var failure: ValidationFailure { ValidationFailure(issues) }
}
