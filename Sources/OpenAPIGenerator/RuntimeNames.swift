/// The names generated code takes from `APIRuntime`, in one place: renderers spell them through these constants,
/// never as literals. `RuntimeNamesTests` (in GeneratedBehaviourTests, which links both) maps each one to the
/// APIRuntime declaration it names, so renaming either side fails a test, not only a build of generated code that
/// happens to use the name.
enum Runtime {
    /// Validating decoders: `Check.string(...)`, `Check.required(...)`, ...
    static let check = "Check"
    /// Reading requests: parameters, bodies, 405s.
    static let route = "Route"
    /// What an input reader reads (the request, its path parameters, its body), and where a route is served.
    static let requestParts = "RequestParts"
    static let endpoint = "Endpoint"
    /// Writing responses.
    static let respond = "Respond"
    static let encodedResponse = "EncodedResponse"
    /// A schema type's `==`, member by member.
    static let equality = "Equality"
    static let operationOutput = "OperationOutput"
    static let securitySchemeRef = "SecuritySchemeRef"
    static let authentication = "Authentication"
    static let authenticator = "Authenticator"
    static let errorMiddleware = "JSONErrorMiddleware"
    static let decodeContext = "DecodeContext"
    static let jsonValue = "JSONValue"
    static let jsonObject = "JSONObject"
    static let jsonOutput = "JSONOutput"
    static let jsonPath = "JSONPath"
    static let jsonValueCodable = "JSONValueCodable"
    static let field = "Field"
    static let box = "Box"
    static let rawBody = "RawBody"
    static let filePart = "FilePart"
    static let stringRules = "StringRules"
    static let numberRules = "NumberRules"
    static let arrayRules = "ArrayRules"
    static let constraint = "Constraint"
    static let subschema = "Subschema"

    /// Every name above (a schema must not shadow any of them).
    static let all = [
        check, route, requestParts, endpoint, respond, encodedResponse, equality, operationOutput, securitySchemeRef, authentication, authenticator,
        errorMiddleware,
        decodeContext,
        jsonValue, jsonObject, jsonOutput, jsonPath,
        jsonValueCodable, field, box, rawBody, filePart, stringRules, numberRules, arrayRules, constraint, subschema,
    ]
}
