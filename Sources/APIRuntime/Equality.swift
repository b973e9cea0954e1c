/// What a generated schema type's `==` calls for each member.
public enum Equality {
    /// `a == b`, as one generic function: the type checker resolves a call to it at once, where `lhs.x == rhs.x`
    /// makes it choose among every `==` in scope. Inlinable, so an optimized build compares in place.
    @inlinable
    public static func same<T: Equatable>(_ a: T, _ b: T) -> Bool { a == b }
}
