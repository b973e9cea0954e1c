extension Set where Element == String {
    /// `name`, or `name2`, `name3`, ... whichever is not taken yet; records it as taken. What every emitter uses to
    /// keep the names it derives from a spec apart.
    public mutating func claimUnique(_ name: String) -> String {
        var candidate = name
        var counter = 2
        while contains(candidate) {
            candidate = "\(name)\(counter)"
            counter += 1
        }
        insert(candidate)
        return candidate
    }
}
