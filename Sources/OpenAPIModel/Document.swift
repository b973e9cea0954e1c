/// The typed OpenAPI document: what the generator needs of the spec, with `$ref`s to parameters,
/// responses, request bodies and headers already resolved, and schema `$ref`s kept by component name.
public struct Document {
    public var openapi: String
    public var title: String
    public var version: String
    public var description: String?
    public var schemas: [(name: String, schema: Schema)]
    public var operations: [Operation]
    public var securitySchemes: [SecurityScheme]
    /// The document-wide requirement; an operation's own `security` replaces it.
    public var security: [SecurityRequirement]
    /// The `paths` key (or the document's start when it has none): where a tool comparing specs points at
    /// an operation that is gone with its whole path.
    public var pathsLocation = SourceLocation(line: 1, column: 1)
    /// The `tags` list: names with their descriptions, in the order the docs page groups operations by.
    public var tags: [(name: String, description: String?)] = []
    /// `servers[].url`, for examples.
    public var servers: [String] = []
}

public enum HTTPMethod: String, CaseIterable, Sendable {
    case get, put, post, delete, options, head, patch, trace
}

public struct Operation {
    public var operationId: String
    public var method: HTTPMethod
    public var path: String
    public var summary: String?
    public var description: String?
    public var deprecated: Bool
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    public var responses: [Response]
    /// Alternatives (OR) of requirements (AND of schemes); `[]` alternatives means no security.
    public var security: [SecurityRequirement]
    public var location: SourceLocation
    public var tags: [String] = []
}

public struct Parameter {
    public enum Location: String, Sendable { case path, query, header, cookie }
    public var name: String
    public var location: Location
    public var required: Bool
    public var description: String?
    public var schema: Schema
    public var style: String?
    public var explode: Bool?
    public var sourceLocation: SourceLocation
}

public struct MediaContent {
    public var mediaType: String
    public var schema: Schema?
    /// The media type's key.
    public var location = SourceLocation(line: 1, column: 1)

    public var isJSON: Bool {
        let type = mediaType.lowercased()
        return type == "application/json" || type.hasSuffix("+json") || type.hasPrefix("application/json;")
    }
}

public struct RequestBody {
    /// The `#/components/requestBodies` name it was referenced by, so its types are generated once.
    public var componentName: String?
    public var required: Bool
    public var description: String?
    public var contents: [MediaContent]
    public var location: SourceLocation
}

public struct Header {
    public var name: String
    public var required: Bool
    public var description: String?
    public var schema: Schema
    /// The header's name key.
    public var location = SourceLocation(line: 1, column: 1)
}

public struct Response {
    /// The `#/components/responses` name it was referenced by, so its types are generated once.
    public var componentName: String?
    /// "200", "2XX" or "default".
    public var status: String
    public var description: String?
    public var headers: [Header]
    public var contents: [MediaContent]
    public var location: SourceLocation
}

public struct SecurityScheme {
    public enum Kind: Equatable {
        case httpBearer
        case httpBasic
        case apiKey(in: String, name: String)
        case oauth2
        case openIdConnect
        case other(String)
    }
    public var name: String
    public var kind: Kind
    public var description: String?
    public var location: SourceLocation
}

/// Scheme names that must all be satisfied together; empty means anonymous access is allowed.
public struct SecurityRequirement {
    public var schemes: [String]
    public init(schemes: [String]) { self.schemes = schemes }
}
