/// `Codable` for generated object and union types, through their wire format: decoding reads a `JSONValue` and
/// runs the validating decoder (`JSONValueDecodable.decode`), encoding writes `jsonValue`. So both pairs of coders
/// agree by construction (a constraint, a discriminator, a default or a write-only member means the same in
/// both), and no type carries coding keys or member-by-member `init(from:)`/`encode(to:)` of its own: code the
/// compiler no longer has to build for every type of a large spec.
///
/// Dates and numbers follow the wire format, not the coder's strategies: a `Date` is an RFC 3339 string.
public protocol JSONValueCodable: Codable, JSONValueDecodable, JSONValueEncodable {}

extension JSONValueCodable {
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        var ctx = DecodeContext()
        guard let value = Self.decode(json, at: [], &ctx) else {
            let issues = ctx.issues.map { issue in
                let path = issue.loc.map { step in
                    switch step {
                    case .key(let key): key
                    case .index(let index): String(index)
                    }
                }.joined(separator: ".")
                return path.isEmpty ? issue.msg : "\(path): \(issue.msg)"
            }
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: issues.isEmpty ? "invalid \(Self.self)" : issues.joined(separator: "; ")))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }

    /// The value as a `JSONValue`, read back from the bytes `writeJSON` writes. Generated object types write only
    /// bytes (what responses use), which halves their encoding code; this serves the rarer callers (`Encodable`,
    /// additional members, tests). A type that conforms must implement `writeJSON` or `jsonValue`.
    public var jsonValue: JSONValue {
        var out = JSONOutput()
        writeJSON(to: &out)
        // Our own output parses, within the parser's nesting limit; deeper than that, null.
        return out.bytes.withUnsafeBytes { bytes in (try? JSONValue.parse(bytes)) ?? .null }
    }
}
