import Foundation
import HTTPTypes
import Hummingbird

/// What generated input readers call to read a request and to answer what the spec does not allow.
/// Thrown `ValidationFailure`s and `APIProblem`s become responses in `JSONErrorMiddleware`, in one place.
public enum Route {
    /// Every method a client may try on a known path: `QUERY` (the safe method with a body) and `TRACE` included,
    /// so they are 405, not 404. Methods the HTTP parser does not know are answered 501 before routing.
    static let methods: [HTTPRequest.Method] = [.get, .put, .post, .delete, .patch, .head, .options, .trace, HTTPRequest.Method("QUERY")!]

    /// Answers 405 with `Allow` for the methods a path does not declare.
    public static func methodNotAllowed<Context: RequestContext>(on router: Router<Context>, path: String, allowed: [String]) {
        var headers = HTTPFields()
        headers[.allow] = allowed.joined(separator: ", ")
        for method in methods where !allowed.contains(method.rawValue) {
            router.on(RouterPath(path), method: method) { [headers] _, _ in
                APIProblem(status: 405, "Method Not Allowed", headers: headers).response
            }
        }
    }

    /// Where a parameter's issues point: `["path", name]`, `["query", name]`, `["header", name]` (spelled once, not
    /// built as an array literal in every read).
    public static let inPath: JSONPath = ["path"]
    public static let inQuery: JSONPath = ["query"]
    public static let inHeader: JSONPath = ["header"]

    public static func pathParameters(_ parts: RequestParts, _ names: [String]) -> JSONObject {
        var object = JSONObject()
        for name in names {
            if let value = parts.parameters.get(name) {
                object.append(name, .string(value.contains("%") ? (value.removingPercentEncoding ?? value) : value))
            }
        }
        return object
    }

    /// The query's values by parameter, as JSON strings (and arrays of them) for the decoders to convert; an array
    /// parameter collects every occurrence (split on its delimiter). Keys are percent-decoded (Hummingbird decodes
    /// only values; `encodeURIComponent` sends a deepObject's brackets as %5B %5D).
    /// - Parameter deepObjects: the `style: deepObject` parameters, each with the names of its array members:
    ///   `filter[status]=open&filter[tags]=a&filter[tags]=b` becomes `"filter": {"status": "open", "tags": ["a", "b"]}`.
    ///   A key nested deeper (`filter[a][b]`) is kept as the member `a][b`, which the object's decoder refuses by
    ///   name unless the schema allows any member.
    public static func queryParameters(
        _ parts: RequestParts, _ specs: [(name: String, isArray: Bool, delimiter: String?)],
        deepObjects: [(name: String, arrayMembers: [String])] = []
    ) -> JSONObject {
        let query = parts.request.uri.queryParameters
        // Decoded once, and only when some key needs it; otherwise the keys are looked up as they came.
        let decoded: [(key: String, value: Substring)]? =
            query.contains(where: { $0.key.contains("%") })
            ? query.map { (String($0.key).removingPercentEncoding ?? String($0.key), $0.value) } : nil
        func values(_ name: String) -> [String] {
            decoded.map { pairs in pairs.filter { $0.key == name }.map { String($0.value) } } ?? query.getAll(name).map { String($0) }
        }
        var object = JSONObject()
        for deepObject in deepObjects {
            var members: [(name: String, values: [String])] = []
            let pairs = decoded ?? query.map { (String($0.key), $0.value) }
            for (key, value) in pairs where key.hasPrefix(deepObject.name + "[") && key.hasSuffix("]") {
                let member = String(key.dropFirst(deepObject.name.count + 1).dropLast())
                if let index = members.firstIndex(where: { $0.name == member }) {
                    members[index].values.append(String(value))
                } else {
                    members.append((member, [String(value)]))
                }
            }
            guard !members.isEmpty else { continue }
            var value = JSONObject()
            for member in members {
                let isArray = deepObject.arrayMembers.contains(member.name)
                value.append(member.name, isArray ? .array(member.values.map { .string($0) }) : .string(member.values.last ?? ""))
            }
            object.append(deepObject.name, .object(value))
        }
        for spec in specs {
            let values = values(spec.name)
            guard !values.isEmpty else { continue }
            if spec.isArray {
                let items =
                    spec.delimiter.map { delimiter in
                        values.flatMap { $0.split(separator: Character(delimiter), omittingEmptySubsequences: false).map(String.init) }
                    } ?? values
                object.append(spec.name, .array(items.map { .string($0) }))
            } else if let last = values.last {
                object.append(spec.name, .string(last))
            }
        }
        return object
    }

    public static func headerParameters(_ parts: RequestParts, _ names: [String]) -> JSONObject {
        var object = JSONObject()
        for name in names {
            guard let field = HTTPField.Name(name) else { continue }
            let values = parts.request.headers[values: field]
            if !values.isEmpty { object.append(name, .string(values.joined(separator: ","))) }
        }
        return object
    }

    /// A required JSON body, decoded strictly (no string-to-number conversion): nil when invalid.
    public static func jsonBody<T>(_ parts: RequestParts, _ ctx: inout DecodeContext, _ decode: Check.Decode<T>) throws -> T? {
        guard let json = try readJSON(parts) else {
            ctx.add("missing", "Field required", .null, at: ["body"])
            return nil
        }
        return decodeStrictly(json, &ctx, decode)
    }

    /// An optional JSON body: `.some(nil)` when the request has none.
    public static func optionalJSONBody<T>(_ parts: RequestParts, _ ctx: inout DecodeContext, _ decode: Check.Decode<T>) throws -> T?? {
        guard let json = try readJSON(parts) else { return .some(nil) }
        return decodeStrictly(json, &ctx, decode).map { .some($0) }
    }

    public static func rawBody(_ parts: RequestParts, _ ctx: inout DecodeContext) -> RawBody? {
        RawBody(contentType: parts.request.headers[.contentType] ?? "application/octet-stream", bytes: Array(parts.body.readableBytesView))
    }

    public static func optionalRawBody(_ parts: RequestParts, _ ctx: inout DecodeContext) -> RawBody?? {
        parts.body.readableBytes == 0 ? .some(nil) : rawBody(parts, &ctx)
    }

    static func decodeStrictly<T>(_ json: JSONValue, _ ctx: inout DecodeContext, _ decode: Check.Decode<T>) -> T? {
        let parameters = ctx.parameters
        ctx.parameters = false
        defer { ctx.parameters = parameters }
        return decode(json, ["body"], &ctx)
    }

    /// The parsed body, or nil when there is none; 415 for a declared non-JSON type, 422 `json_invalid` for bad JSON.
    static func readJSON(_ parts: RequestParts) throws -> JSONValue? {
        if let type = parts.request.headers[.contentType]?.lowercased() {
            let mediaType = type.split(separator: ";").first.map { $0.trimmedWhitespace } ?? ""
            guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
                throw APIProblem(status: 415, "Unsupported Media Type")
            }
        }
        if parts.body.readableBytes == 0 { return nil }
        do {
            return try parts.body.withUnsafeReadableBytes { bytes throws(JSONSyntaxError) in try JSONValue.parse(bytes) }
        } catch {
            throw ValidationFailure([
                ValidationIssue(
                    type: "json_invalid", loc: ["body", .index(error.offset)], msg: "JSON decode error",
                    input: .object(JSONObject()), ctx: JSONObject([("error", .string(error.message))]))
            ])
        }
    }
}
