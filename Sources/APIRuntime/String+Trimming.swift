extension StringProtocol {
    /// Without leading and trailing whitespace (`Character.isWhitespace`). Pure Swift: Foundation's
    /// `trimmingCharacters(in:)` bridges through `NSString` on Linux, which showed in request profiles.
    public var trimmedWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
