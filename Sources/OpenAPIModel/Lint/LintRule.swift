/// One check of the spec, with a stable name that diagnostics print in brackets and that
/// `x-openapi-gen-lint: {disable: [...]}` accepts. Errors are kept for what would make the generated code wrong;
/// everything else is a warning, which never stops generation and can be disabled.
public struct LintRule: Sendable, Hashable {
    public let name: String
    public let severity: Diagnostic.Severity
    /// One line for `openapi-gen lint --list-rules` and docs/lint-rules.md.
    public let summary: String

    init(_ name: String, _ severity: Diagnostic.Severity, _ summary: String) {
        self.name = name
        self.severity = severity
        self.summary = summary
    }

    /// Only warnings may be disabled: an error means the generated code would be wrong.
    public var canBeDisabled: Bool { severity != .error }
}

extension LintRule {
    // MARK: Checked while the document is read (OpenAPIModel's DocumentReader).
    public static let unknownType = LintRule(
        "unknown-type", .error, "a `type` JSON Schema does not have (int, long, datetime, string[]...), with the type and format to write")
    public static let requiredList = LintRule(
        "required-list", .error, "`required: true` on a property instead of its name in the parent's `required` list")
    public static let nullableIn31 = LintRule("nullable-in-3-1", .warning, "`nullable` in a 3.1 document, where it is `type: [T, 'null']`")
    public static let exclusiveBoundIn31 = LintRule(
        "exclusive-bound-3-1", .warning, "a boolean `exclusiveMinimum`/`exclusiveMaximum` in 3.1, where it is the bound itself")
    public static let unsupportedKeyword = LintRule(
        "unsupported-keyword", .warning, "a JSON Schema keyword this generator does not enforce (patternProperties, minProperties, prefixItems...)")
    public static let pathParamRequired = LintRule("path-param-required", .warning, "a path parameter without `required: true`")
    public static let pathTemplateUndeclared = LintRule(
        "path-template-undeclared", .error, "a `{name}` in a path with no path parameter of that name")
    public static let pathParamUnused = LintRule("path-param-unused", .error, "a path parameter whose `{name}` is not in the path")
    public static let responseCode = LintRule("response-code", .error, "a response key that is not 100-599, 1XX-5XX or `default`")
    public static let duplicateOperationId = LintRule("duplicate-operation-id", .error, "two operations with the same operationId")
    public static let operationIdMissing = LintRule(
        "operation-id-missing", .warning, "an operation without an operationId (one is derived from method and path)")
    public static let parameterSchema = LintRule(
        "parameter-schema", .warning, "a parameter without `schema`, often with Swagger 2.0's `type` on the parameter itself")
    public static let undeclaredSecurityScheme = LintRule(
        "undeclared-security-scheme", .error, "a security requirement naming a scheme not in `components.securitySchemes`")

    // MARK: Checked by the linter over the YAML tree (Linter).
    public static let misspelledKeyword = LintRule(
        "misspelled-keyword", .warning, "a key that is a near miss of a keyword of its object (requird, maxlength, descripton...)")
    public static let refSiblings = LintRule(
        "ref-siblings", .warning, "keys beside `$ref` that are ignored (all of them in 3.0; all but annotations in 3.1)")
    public static let enumTypeMismatch = LintRule("enum-type-mismatch", .warning, "an enum value of another type than the schema's")
    public static let enumDuplicate = LintRule("enum-duplicate", .warning, "an enum value listed twice")
    public static let invalidDefault = LintRule(
        "invalid-default", .warning, "a `default` that its own schema rejects (type, enum, bounds, lengths, pattern)")
    public static let invalidExample = LintRule("invalid-example", .warning, "an `example` or `examples` value that its schema rejects")
    public static let boundsOrder = LintRule(
        "min-greater-than-max", .error, "minimum > maximum, minLength > maxLength or minItems > maxItems: no value is valid")
    public static let arrayItems = LintRule("array-items", .warning, "`type: array` without `items`")
    public static let propertiesOnNonObject = LintRule("properties-on-non-object", .warning, "`properties` on a schema whose type is not object")
    /// Checked by the generator's translator, which sees the properties `allOf` merges.
    public static let requiredPropertyMissing = LintRule(
        "required-property-undefined", .warning, "a name in `required` that is not among the object's `properties` (allOf members merged)")
    public static let formatTypeMismatch = LintRule(
        "format-type-mismatch", .warning, "a well-known format used with another type (int64 on a string)")
    public static let unknownFormat = LintRule("unknown-format", .warning, "a format that is a near miss of a well-known one (datetime, int)")
    public static let readWriteOnly = LintRule("read-write-only", .warning, "`readOnly` and `writeOnly` both true: the property is never sent")
    public static let responseCodeNotString = LintRule(
        "response-code-not-string", .warning, "an unquoted response code, which YAML reads as a number")
    public static let successResponse = LintRule("operation-success-response", .warning, "an operation without a 2XX or 3XX response")
    public static let responseDescription = LintRule("response-description", .warning, "a response without the `description` OpenAPI requires")
    public static let operationIdIdentifier = LintRule(
        "operation-id-identifier", .warning, "an operationId with characters that make a poor identifier or URL fragment")
    public static let requestBodyOnGet = LintRule("request-body-on-get", .warning, "a GET, HEAD or DELETE operation with a `requestBody`")
    public static let unusedComponent = LintRule(
        "unused-component", .warning, "a component schema, parameter, response, request body or header that nothing references")
    public static let undeclaredTag = LintRule("undeclared-tag", .warning, "an operation tag missing from the top-level `tags`")
    public static let unusedTag = LintRule("unused-tag", .warning, "a top-level tag that no operation uses")
    public static let infoTitle = LintRule("info-title", .warning, "no `info.title`")
    public static let infoVersion = LintRule("info-version", .warning, "no `info.version`")
    public static let serverTrailingSlash = LintRule(
        "server-trailing-slash", .warning, "a server url ending in `/`, which doubles the slash before every path")
    public static let lintConfiguration = LintRule("lint-config", .warning, "an `x-openapi-gen-lint` setting that names no rule or an error rule")

    /// Every rule, in the order `--list-rules` prints them.
    public static let all: [LintRule] = [
        unknownType, requiredList, nullableIn31, exclusiveBoundIn31, unsupportedKeyword,
        misspelledKeyword, refSiblings, enumTypeMismatch, enumDuplicate, invalidDefault, invalidExample, boundsOrder,
        arrayItems, propertiesOnNonObject, requiredPropertyMissing, formatTypeMismatch, unknownFormat, readWriteOnly,
        pathParamRequired, parameterSchema, pathTemplateUndeclared, pathParamUnused, responseCode, responseCodeNotString, successResponse,
        responseDescription, duplicateOperationId, operationIdMissing, operationIdIdentifier, requestBodyOnGet,
        undeclaredSecurityScheme, unusedComponent, undeclaredTag, unusedTag, infoTitle, infoVersion, serverTrailingSlash,
        lintConfiguration,
    ]

    public static func named(_ name: String) -> LintRule? { all.first { $0.name == name } }
}
