/// Validation rules as values, the middle stage's part of a type: the translator reads them from the schema (and
/// reports what it cannot enforce); `rendered` (RulesRenderer.swift) is the one place they become Swift text.
struct StringRulesDecl: Equatable {
    var minLength: Int?
    var maxLength: Int?
    var pattern: String?
    /// One of the formats APIRuntime checks (`StringRules.Format`): email, uri, date, ipv4, ipv6, hostname.
    var format: String?
}

struct NumberRulesDecl: Equatable {
    /// A bound exactly as the spec wrote it: an int64 as an integer, any other number as its decimal text.
    enum Bound: Equatable {
        case integer(Int64)
        case decimal(String)
    }

    var minimum: Bound?
    var maximum: Bound?
    var exclusiveMinimum: Bound?
    var exclusiveMaximum: Bound?
    var multipleOf: Bound?
}

struct ArrayRulesDecl: Equatable {
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
}
