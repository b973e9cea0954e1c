import OpenAPIModel

/// A TypeScript type, kept as a tree until `TSRenderer` prints it; nothing before the renderer writes TypeScript text.
indirect enum TSType: Equatable, Sendable {
    /// `string`, `number`, `boolean`, `null`, `unknown`, `undefined`, `never`.
    case keyword(String)
    /// A JSON literal (`"bearer"`, `1`, `true`), already written as its TypeScript text by `TSNaming.literal`.
    case literal(String)
    /// A declared type by its TypeScript name (a component schema, or `S.Name` from the client).
    case named(String)
    case array(TSType)
    /// `{ [key: string]: T }`.
    case map(TSType)
    case object([TSProperty])
    case union([TSType])
    case intersection([TSType])

    static let string = TSType.keyword("string")
    static let number = TSType.keyword("number")
    static let boolean = TSType.keyword("boolean")
    static let null = TSType.keyword("null")
    static let unknown = TSType.keyword("unknown")
    static let undefined = TSType.keyword("undefined")

    /// A union that flattens nested unions and drops repeats; one member is itself.
    static func unionOf(_ members: [TSType]) -> TSType {
        var flat: [TSType] = []
        for member in members {
            let parts: [TSType]
            if case .union(let inner) = member { parts = inner } else { parts = [member] }
            for part in parts where !flat.contains(part) { flat.append(part) }
        }
        if flat.contains(.unknown) { return .unknown }
        return flat.count == 1 ? flat[0] : .union(flat)
    }
}

/// One member of an object type: `name?: T`, with the doc comment lines that say what the spec constrains.
struct TSProperty: Equatable, Sendable {
    var name: String
    var type: TSType
    var optional: Bool
    var readOnly = false
    var doc: [String] = []
}

/// `export type Name = ...;` with its doc comment.
struct TSTypeDecl {
    var name: String
    var type: TSType
    var doc: [String]
}

/// How the client reads one documented response header.
struct TSHeader {
    enum Kind: String { case string, integer, number, boolean }
    var name: String
    var kind: Kind
    var required: Bool
    var type: TSType
    var doc: [String]
}

/// One member of an operation's result union.
struct TSResponse {
    enum Status {
        /// A single code: `status: 201`.
        case code(Int)
        /// A range such as 2XX, less the codes documented on their own.
        case range(String, [Int])
        /// `default`: every code not documented otherwise, `status: "default"` with `httpStatus`.
        case otherwise
    }
    enum BodyKind: String { case json, text, none }
    var status: Status
    var bodyKind: BodyKind
    var body: TSType
    var headers: [TSHeader]
    var doc: [String]
}

/// How a request body is sent.
struct TSRequestBody {
    enum Encoding: String { case json, form, multipart }
    var encoding: Encoding
    var type: TSType
    var required: Bool
}

/// A parameter in one of the argument groups (`path`, `query`, `headers`).
struct TSParameter {
    var name: String
    var location: Parameter.Location
    var required: Bool
    var type: TSType
    var isArray: Bool
    var doc: [String]
}

/// Everything the client renderer needs of one operation.
struct TSOperation {
    /// The method's name; `formFunctionName` is the form-encoded variant when the operation offers both.
    var functionName: String
    var typeBaseName: String
    var method: String
    var path: String
    var parameters: [TSParameter]
    var body: TSRequestBody?
    /// A second way to call it, form-encoded or multipart, when the spec offers it beside the first.
    var formBody: TSRequestBody?
    var formFunctionName: String?
    /// What the second way's method and argument type are named with: `loginForm`, `uploadMultipart`.
    var alternateSuffix = "Form"
    var responses: [TSResponse]
    var sendsBearer: Bool
    var doc: [String]
}
