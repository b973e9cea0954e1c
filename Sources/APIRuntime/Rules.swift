/// The string keywords of a schema, checked in characters (Unicode scalars, as Python and PostgreSQL count).
public struct StringRules: Sendable {
    public enum Format: Sendable { case email, uri, date, ipv4, ipv6, hostname }
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var format: Format?

    public init(minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, format: Format? = nil) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.format = format
    }
}

/// The numeric keywords of a schema.
public struct NumberRules: Sendable {
    public var minimum: Double?
    public var maximum: Double?
    public var exclusiveMinimum: Double?
    public var exclusiveMaximum: Double?
    public var multipleOf: Double?

    public init(minimum: Double? = nil, maximum: Double? = nil, exclusiveMinimum: Double? = nil, exclusiveMaximum: Double? = nil, multipleOf: Double? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.multipleOf = multipleOf
    }

    func check(_ value: Double, _ input: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) {
        func text(_ bound: Double) -> String {
            bound.rounded() == bound && abs(bound) < 1e15 ? String(Int64(bound)) : String(bound)
        }
        func number(_ bound: Double) -> JSONValue { .number(text(bound)) }
        if let bound = minimum, value < bound {
            ctx.add("greater_than_equal", "Input should be greater than or equal to \(text(bound))", input, at: loc, JSONObject([("ge", number(bound))]))
        }
        if let bound = exclusiveMinimum, value <= bound {
            ctx.add("greater_than", "Input should be greater than \(text(bound))", input, at: loc, JSONObject([("gt", number(bound))]))
        }
        if let bound = maximum, value > bound {
            ctx.add("less_than_equal", "Input should be less than or equal to \(text(bound))", input, at: loc, JSONObject([("le", number(bound))]))
        }
        if let bound = exclusiveMaximum, value >= bound {
            ctx.add("less_than", "Input should be less than \(text(bound))", input, at: loc, JSONObject([("lt", number(bound))]))
        }
        if let step = multipleOf, step > 0 {
            let quotient = value / step
            if abs(quotient - quotient.rounded()) > 1e-9 * max(1, abs(quotient)) {
                ctx.add("multiple_of", "Input should be a multiple of \(text(step))", input, at: loc, JSONObject([("multiple_of", number(step))]))
            }
        }
    }
}

/// The array keywords of a schema.
public struct ArrayRules: Sendable {
    public var minItems: Int?
    public var maxItems: Int?
    public var uniqueItems: Bool

    public init(minItems: Int? = nil, maxItems: Int? = nil, uniqueItems: Bool = false) {
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
    }
}
