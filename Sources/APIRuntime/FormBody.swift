import Hummingbird

/// `application/x-www-form-urlencoded` bodies (the WHATWG URL standard's form encoding): `key=value` pairs
/// joined by `&`, `+` for a space, `%XX` for a byte. Values become JSON strings so the generated decoders
/// validate them as they do query parameters (text converted to numbers and booleans, as FastAPI does).
public enum FormBody {
    public struct Malformed: Error, Sendable {
        public var message: String
    }

    /// The pairs in order. A key that repeats keeps its last value, unless it is one of `arrayFields`,
    /// which collect every value (a single one is still a list).
    public static func parse(_ bytes: some Collection<UInt8>, arrayFields: [String] = []) throws(Malformed) -> JSONObject {
        var pairs: [(key: String, value: String)] = []
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = piece.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(parts[0])
            let value = parts.count > 1 ? try decode(parts[1]) : ""
            pairs.append((key, value))
        }
        return object(pairs.map { ($0.key, .string($0.value)) }, arrayFields: arrayFields)
    }

    /// A form's fields as the decoders read them: in order; a repeated name keeps its last value, unless it is one
    /// of `arrayFields`, which collect every value into a list (after the other fields). Multipart bodies too.
    static func object(_ fields: [(name: String, value: JSONValue)], arrayFields: [String]) -> JSONObject {
        var object = JSONObject()
        var arrays: [String: [JSONValue]] = [:]
        var arrayOrder: [String] = []
        for (name, value) in fields {
            if arrayFields.contains(name) {
                if arrays[name] == nil { arrayOrder.append(name) }
                arrays[name, default: []].append(value)
            } else {
                object.append(name, value)
            }
        }
        for name in arrayOrder { object.append(name, .array(arrays[name] ?? [])) }
        return object
    }

    /// One name or value: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
    static func decode(_ encoded: some Collection<UInt8>) throws(Malformed) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index != encoded.endIndex {
            let byte = encoded[index]
            index = encoded.index(after: index)
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index != encoded.endIndex, let high = hexValue(encoded[index]) else {
                    throw Malformed(message: "'%' is not followed by two hexadecimal digits")
                }
                let next = encoded.index(after: index)
                guard next != encoded.endIndex, let low = hexValue(encoded[next]) else {
                    throw Malformed(message: "'%' is not followed by two hexadecimal digits")
                }
                bytes.append(high << 4 | low)
                index = encoded.index(after: next)
            default:
                bytes.append(byte)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Malformed(message: "the decoded bytes are not UTF-8")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Route {
    /// How a generated route reads a form variant of its body.
    public struct FormDecoder<T> {
        public var arrayFields: [String]
        public var decode: Check.Decode<T>

        public init(arrayFields: [String], decode: @escaping Check.Decode<T>) {
            self.arrayFields = arrayFields
            self.decode = decode
        }
    }

    /// How a generated route reads a `multipart/form-data` variant of its body: which parts repeat, which are
    /// files (`FilePart`) and which hold JSON (the schema makes them objects).
    public struct MultipartDecoder<T> {
        public var arrayFields: [String]
        public var fileFields: [String]
        public var jsonFields: [String]
        public var decode: Check.Decode<T>

        public init(arrayFields: [String], fileFields: [String], jsonFields: [String], decode: @escaping Check.Decode<T>) {
            self.arrayFields = arrayFields
            self.fileFields = fileFields
            self.jsonFields = jsonFields
            self.decode = decode
        }
    }

    /// A required body offered as JSON, a form and/or multipart: the request's `Content-Type` picks the decoder
    /// (no `Content-Type` means JSON); any other media type answers 415. Nil when invalid.
    public static func negotiatedBody<T>(
        _ parts: RequestParts, _ ctx: inout DecodeContext,
        json: Check.Decode<T>? = nil, form: FormDecoder<T>? = nil, multipart: MultipartDecoder<T>? = nil
    ) throws -> T? {
        switch try readNegotiated(parts, acceptsJSON: json != nil, form: form?.arrayFields, multipart: multipart) {
        case nil:
            ctx.add("missing", "Field required", .null, at: ["body"])
            return nil
        case .json(let value)?:
            guard let json else { return nil }
            return decodeStrictly(value, &ctx, json)
        case .form(let object)?:
            guard let form else { return nil }
            // Form values are text, converted as parameters are.
            let parameters = ctx.parameters
            ctx.parameters = true
            defer { ctx.parameters = parameters }
            return form.decode(.object(object), ["body"], &ctx)
        case .multipart(let object, let files, let token)?:
            guard let multipart else { return nil }
            let parameters = ctx.parameters
            ctx.parameters = true
            ctx.files = files
            ctx.fileToken = token
            defer {
                ctx.parameters = parameters
                ctx.files = []
                ctx.fileToken = ""
            }
            return multipart.decode(.object(object), ["body"], &ctx)
        }
    }

    /// An optional body offered as JSON and/or a form: `.some(nil)` when the request has none.
    public static func optionalNegotiatedBody<T>(
        _ parts: RequestParts, _ ctx: inout DecodeContext,
        json: Check.Decode<T>? = nil, form: FormDecoder<T>? = nil, multipart: MultipartDecoder<T>? = nil
    ) throws -> T?? {
        if parts.body.readableBytes == 0 { return .some(nil) }
        return try negotiatedBody(parts, &ctx, json: json, form: form, multipart: multipart).map { .some($0) }
    }

    enum NegotiatedBody {
        case json(JSONValue)
        case form(JSONObject)
        case multipart(JSONObject, files: [FilePart], token: String)
    }

    static func readNegotiated<T>(
        _ parts: RequestParts, acceptsJSON: Bool, form arrayFields: [String]?, multipart: MultipartDecoder<T>?
    ) throws -> NegotiatedBody? {
        let buffer = parts.body
        let mediaType = parts.request.headers[.contentType].map { type in
            (type.split(separator: ";").first.map { $0.trimmedWhitespace } ?? "").lowercased()
        }
        if let mediaType, mediaType == "multipart/form-data", let multipart {
            if buffer.readableBytes == 0 { return nil }
            do throws(MultipartBody.Malformed) {
                guard let boundary = MultipartBody.boundary(in: parts.request.headers[.contentType] ?? "") else {
                    throw MultipartBody.Malformed(message: "Content-Type multipart/form-data has no boundary parameter")
                }
                let parts = try MultipartBody.parse(Array(buffer.readableBytesView), boundary: boundary)
                let token = String(UInt64.random(in: .min ... .max), radix: 36)
                let (object, files) = try MultipartBody.form(
                    parts, arrayFields: multipart.arrayFields, fileFields: multipart.fileFields, jsonFields: multipart.jsonFields, token: token)
                return .multipart(object, files: files, token: token)
            } catch {
                throw ValidationFailure([
                    ValidationIssue(
                        type: "multipart_invalid", loc: ["body"], msg: "Multipart decode error",
                        input: .object(JSONObject()), ctx: JSONObject([("error", .string(error.message))]))
                ])
            }
        }
        if let mediaType, mediaType == "application/x-www-form-urlencoded", let arrayFields {
            do {
                return .form(
                    try buffer.withUnsafeReadableBytes { bytes throws(FormBody.Malformed) in
                        try FormBody.parse(bytes, arrayFields: arrayFields)
                    })
            } catch {
                throw ValidationFailure([
                    ValidationIssue(
                        type: "form_invalid", loc: ["body"], msg: "Form decode error",
                        input: .object(JSONObject()), ctx: JSONObject([("error", .string(error.message))]))
                ])
            }
        }
        guard acceptsJSON, mediaType == nil || mediaType == "application/json" || mediaType!.hasSuffix("+json") else {
            throw APIProblem(status: 415, "Unsupported Media Type")
        }
        return try readJSON(parts).map { .json($0) }
    }
}
