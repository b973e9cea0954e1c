import Foundation

/// A file sent as a part of a `multipart/form-data` body: a schema `type: string, format: binary`.
///
/// Outside a multipart body (JSON has no bytes) it reads a JSON string as its UTF-8 bytes and writes its bytes back
/// as a string.
public struct FilePart: Sendable, Hashable, JSONValueCodable {
    /// The `filename` of the part's `Content-Disposition`, when the client sent one.
    public var filename: String?
    /// The part's `Content-Type`, when the client sent one.
    public var contentType: String?
    public var bytes: [UInt8]

    public init(filename: String? = nil, contentType: String? = nil, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }

    public static func decode(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) -> FilePart? {
        guard case .string(let text) = json else {
            ctx.add("file_type", "Input should be a file (a multipart/form-data part)", json, at: loc)
            return nil
        }
        if let index = MultipartBody.fileIndex(text, token: ctx.fileToken), ctx.files.indices.contains(index) {
            return ctx.files[index]
        }
        return FilePart(bytes: Array(text.utf8))
    }

    public var jsonValue: JSONValue { .string(String(decoding: bytes, as: UTF8.self)) }
}

/// `multipart/form-data` bodies (RFC 7578): parts separated by a boundary, each named by its `Content-Disposition`.
/// Text parts become JSON strings, converted by the generated decoders as form fields are; parts the schema makes
/// objects are read as JSON; file parts become `FilePart`s, handed to the decoders through the `DecodeContext`.
public enum MultipartBody {
    public struct Malformed: Error, Sendable {
        public var message: String
    }

    /// One part, its content a slice of the body.
    public struct Part {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var content: ArraySlice<UInt8>
    }

    /// At most this many parts: a body of many tiny parts costs more than its size says.
    static let maximumParts = 1000
    /// At most this many bytes of headers in one part.
    static let maximumHeaderBytes = 8 * 1024

    /// The `boundary` parameter of a `multipart/form-data` content type (RFC 2046: 1 to 70 characters).
    public static func boundary(in contentType: String) -> String? {
        for parameter in parameters(contentType[...]) {
            if parameter.name == "boundary", (1...70).contains(parameter.value.utf8.count) { return parameter.value }
        }
        return nil
    }

    /// The parts in order.
    public static func parse(_ body: [UInt8], boundary: String) throws(Malformed) -> [Part] {
        let delimiter = Array(("--" + boundary).utf8)
        // The first delimiter opens the body or follows the preamble's CRLF.
        guard var position = find(delimiter, in: body, from: 0, atLineStart: true) else {
            throw Malformed(message: "the boundary given in Content-Type does not occur in the body")
        }
        var parts: [Part] = []
        while true {
            position += delimiter.count
            if body[position...].starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { return parts }  // the close
            // Transport padding, then the CRLF that ends the delimiter line.
            while position < body.count, body[position] == UInt8(ascii: " ") || body[position] == UInt8(ascii: "\t") { position += 1 }
            guard body[position...].starts(with: crlf) else {
                throw Malformed(message: "a boundary line does not end with CRLF")
            }
            position += 2
            guard parts.count < maximumParts else { throw Malformed(message: "more than \(maximumParts) parts") }
            let headersEnd: Int
            if body[position...].starts(with: crlf) {
                headersEnd = position  // no header at all
            } else {
                guard let end = find(crlf + crlf, in: body, from: position, atLineStart: false), end - position <= maximumHeaderBytes else {
                    throw Malformed(message: "a part's headers do not end with an empty line within \(maximumHeaderBytes) bytes")
                }
                headersEnd = end + 2
            }
            var part = try headers(body[position..<headersEnd])
            let contentStart = headersEnd + 2
            guard let next = find(crlf + delimiter, in: body, from: contentStart, atLineStart: false) else {
                throw Malformed(message: "the body ends before the closing boundary")
            }
            part.content = body[contentStart..<next]
            parts.append(part)
            position = next + 2
        }
    }

    /// The form the decoders read: each part by name (`arrayFields` collect every part of their name), text as
    /// strings, `jsonFields` (and parts sent as `application/json`) parsed, and `fileFields` as placeholders for
    /// the `FilePart`s returned beside them, which `FilePart.decode` finds through `ctx.files`.
    public static func form(
        _ parts: [Part], arrayFields: [String], fileFields: [String], jsonFields: [String], token: String
    ) throws(Malformed) -> (object: JSONObject, files: [FilePart]) {
        var files: [FilePart] = []
        var values: [(name: String, value: JSONValue)] = []
        for part in parts {
            let value: JSONValue
            if fileFields.contains(part.name) {
                files.append(FilePart(filename: part.filename, contentType: part.contentType, bytes: Array(part.content)))
                value = .string(placeholder(files.count - 1, token: token))
            } else if jsonFields.contains(part.name) || part.contentType.map(isJSON) == true {
                do {
                    value = try part.content.withUnsafeBytes { bytes throws(JSONSyntaxError) in try JSONValue.parse(bytes) }
                } catch {
                    throw Malformed(message: "part '\(part.name)' is not valid JSON: \(error)")
                }
            } else {
                guard let text = String(validating: part.content, as: UTF8.self) else {
                    throw Malformed(message: "part '\(part.name)' is not UTF-8 text")
                }
                value = .string(text)
            }
            values.append((part.name, value))
        }
        return (FormBody.object(values, arrayFields: arrayFields), files)
    }

    /// A placeholder no client can forge: it holds the request's random token.
    static func placeholder(_ index: Int, token: String) -> String { placeholderPrefix(token) + String(index) }

    static func fileIndex(_ text: String, token: String) -> Int? {
        let prefix = placeholderPrefix(token)
        guard !token.isEmpty, text.hasPrefix(prefix) else { return nil }
        return Int(text.dropFirst(prefix.count))
    }

    private static func placeholderPrefix(_ token: String) -> String { "\u{0}file:\(token):" }

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    private static func isJSON(_ contentType: String) -> Bool {
        let mediaType = (contentType.split(separator: ";").first.map { $0.trimmedWhitespace } ?? "").lowercased()
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }

    /// The first index of `needle` in `haystack` at or after `start` (and, with `atLineStart`, at 0 or after a CRLF).
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, atLineStart: Bool) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle),
                !atLineStart || index == 0 || (index >= 2 && haystack[index - 2] == 0x0D && haystack[index - 1] == 0x0A)
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// A part's header lines: `Content-Disposition: form-data; name="..."` (required) and `Content-Type`.
    private static func headers(_ block: ArraySlice<UInt8>) throws(Malformed) -> Part {
        guard let text = String(validating: block, as: UTF8.self) else { throw Malformed(message: "a part's headers are not UTF-8") }
        var name: String?
        var filename: String?
        var contentType: String?
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else { throw Malformed(message: "a part's header line has no ':'") }
            let field = line[..<colon].trimmedWhitespace.lowercased()
            let value = line[line.index(after: colon)...].trimmedWhitespace
            switch field {
            case "content-disposition":
                let kind = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmedWhitespace.lowercased() } ?? ""
                guard kind == "form-data" else { throw Malformed(message: "a part's Content-Disposition is '\(kind)', not 'form-data'") }
                for parameter in parameters(value[...]) {
                    // Browsers send a quote, CR and LF in these as %22, %0D and %0A (the HTML standard's encoding).
                    let decoded = parameter.value.replacingOccurrences(of: "%22", with: "\"")
                        .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
                    if parameter.name == "name" { name = decoded }
                    if parameter.name == "filename" { filename = decoded }
                }
            case "content-type":
                contentType = String(value)
            default:
                continue  // Content-Transfer-Encoding and the like: RFC 7578 has senders not use them
            }
        }
        guard let name else { throw Malformed(message: "a part has no Content-Disposition: form-data; name=\"...\"") }
        return Part(name: name, filename: filename, contentType: contentType, content: [])
    }

    /// `; key=value; key="quoted \" value"` after the first `;` of a header value, keys lowercased.
    static func parameters(_ text: Substring) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        var rest = text.drop { $0 != ";" }
        while !rest.isEmpty {
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }  // the ';' and blanks
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmedWhitespace.lowercased()
            rest = rest[rest.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\", let escaped = rest.first {
                        value.append(escaped)
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                rest = rest.dropFirst().drop { $0 != ";" }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = String(rest[..<end].trimmedWhitespace)
                rest = rest[end...]
            }
            result.append((name, value))
        }
        return result
    }
}
