import APIRuntime
import CryptoPrimitives
import TodoAPI

/// The contract as the server publishes it: `openapi.yaml` byte for byte and the same document as JSON, each
/// with a strong entity tag of the bytes it is sent as, so clients revalidate with `If-None-Match` for free.
struct PublishedSpec: Sendable {
    let yaml: [UInt8]
    let yamlETag: String
    let json: [String: JSONValue]
    let jsonETag: String

    init(yamlText: String = EmbeddedSpec.text, jsonText: String = EmbeddedSpec.json) {
        yaml = Array(yamlText.utf8)
        yamlETag = Self.entityTag(yaml)
        if case .object(let object)? = try? JSONValue.parse(jsonText) {
            json = Dictionary(object.members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        } else {
            json = [:]
        }
        var out = JSONOutput()
        json.writeJSON(to: &out)
        jsonETag = Self.entityTag(out.bytes)
    }

    /// `"` + the first 128 bits of the SHA-256 of the bytes, in hex, + `"`.
    static func entityTag(_ bytes: [UInt8]) -> String {
        "\""
            + Crypto.sha256(bytes).prefix(16).map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined() + "\""
    }

    /// RFC 9110 13.1.2: `*`, or any listed tag equal to `tag` under weak comparison (a `W/` prefix is ignored).
    static func matches(_ ifNoneMatch: String?, _ tag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        for candidate in ifNoneMatch.split(separator: ",") {
            var trimmed = Substring(candidate.trimmedWhitespace)
            if trimmed == "*" { return true }
            if trimmed.hasPrefix("W/") { trimmed = trimmed.dropFirst(2) }
            if trimmed == tag { return true }
        }
        return false
    }
}
