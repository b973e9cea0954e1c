extension Decoder {
    /// A discriminated union's tag, read before any alternative is tried, so that `Codable` decoding picks the
    /// alternative `JSONValueDecodable.decode` picks (the tag's, not the first that happens to fit) and refuses an
    /// unknown tag, with pydantic's words.
    public func discriminatorTag(_ property: String, expected tags: [String]) throws -> String {
        let container = try container(keyedBy: AnyKey.self)
        let key = AnyKey(property)
        let tag = try container.decode(String.self, forKey: key)
        guard tags.contains(tag) else {
            let expected = tags.map { "'\($0)'" }.joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "Input tag '\(tag)' found using '\(property)' does not match any of the expected tags: \(expected)")
        }
        return tag
    }
}
