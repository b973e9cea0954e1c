import OpenAPIModel

/// One operation as the generated code presents it: a namespace with its input, output and inline types.
struct OperationDecl {
    struct Param {
        var swiftName: String
        var wireName: String
        var location: Parameter.Location
        var type: SwiftType
        var presence: PropertyDecl.Presence
        var doc: [String?]
        /// For arrays in the query: the delimiter of non-exploded styles, nil when each value is its own item.
        var delimiter: String?
        var isArray: Bool
        /// For `style: deepObject` (`filter[status]=open&filter[tags]=a`): the wire names of the object's array
        /// properties, whose single value is still a list; nil for every other style.
        var deepObjectArrays: [String]? = nil
    }

    /// The request body: one type the handler gets, read from each media type the generator models.
    struct Body {
        enum Kind: String {
            case json, form, multipart, raw
        }

        /// One way the body may arrive. `caseName` names its case when the variants' types differ.
        struct Variant {
            var kind: Kind
            var type: SwiftType
            var caseName: String
            /// For forms and multipart: the wire names of array properties, whose single value is still a list.
            var arrayFields: [String]
            /// For multipart: the parts that are files (`FilePart`), and those read as JSON (object properties).
            var fileFields: [String] = []
            var jsonFields: [String] = []
        }

        /// What `Input.body` holds: the variants' shared type, or `enumName` when they differ.
        var type: SwiftType
        var variants: [Variant]
        /// The generated enum over the variants (`.json(UserLogin)`, `.form(LoginForm)`), when types differ.
        var enumName: String?
        var required: Bool
        var doc: [String?]

        var isSingleJSON: Bool { variants.count == 1 && variants[0].kind == .json }
    }

    struct OutputCase {
        var caseName: String
        /// A code such as "200", or nil for a range or default (the handler supplies the code).
        var status: String
        var body: (type: SwiftType, contentType: String, isJSON: Bool)?
        var headers: [PropertyDecl]
        var headersTypeName: String?
        var doc: [String?]
    }

    var operation: Operation
    var typeName: String
    var methodName: String
    var params: [Param]
    var body: Body?
    var outputs: [OutputCase]
    var nested: [Decl]
    /// Alternatives of schemes that must all pass; empty: no security.
    var security: [[SecurityScheme]]
    var allowsAnonymous: Bool
}

enum StatusNames {
    static let names: [String: String] = [
        "100": "continue", "101": "switchingProtocols", "200": "ok", "201": "created", "202": "accepted",
        "203": "nonAuthoritativeInformation", "204": "noContent", "205": "resetContent", "206": "partialContent",
        "300": "multipleChoices", "301": "movedPermanently", "302": "found", "303": "seeOther", "304": "notModified",
        "307": "temporaryRedirect", "308": "permanentRedirect", "400": "badRequest", "401": "unauthorized",
        "402": "paymentRequired", "403": "forbidden", "404": "notFound", "405": "methodNotAllowed",
        "406": "notAcceptable", "408": "requestTimeout", "409": "conflict", "410": "gone", "411": "lengthRequired",
        "412": "preconditionFailed", "413": "contentTooLarge", "414": "uriTooLong", "415": "unsupportedMediaType",
        "416": "rangeNotSatisfiable", "417": "expectationFailed", "418": "imATeapot", "422": "unprocessableContent",
        "423": "locked", "424": "failedDependency", "425": "tooEarly", "426": "upgradeRequired",
        "428": "preconditionRequired", "429": "tooManyRequests", "431": "requestHeaderFieldsTooLarge",
        "451": "unavailableForLegalReasons", "500": "internalServerError", "501": "notImplemented",
        "502": "badGateway", "503": "serviceUnavailable", "504": "gatewayTimeout",
    ]

    static func caseName(_ status: String) -> String {
        if status == "default" { return "default" }
        if let name = names[status] { return name }
        return "status\(status)"
    }
}
