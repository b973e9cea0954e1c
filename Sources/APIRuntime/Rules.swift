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

/// The numeric keywords of a schema, compared exactly (see `RuleNumber`).
public struct NumberRules: Sendable {
    public var minimum: RuleNumber?
    public var maximum: RuleNumber?
    public var exclusiveMinimum: RuleNumber?
    public var exclusiveMaximum: RuleNumber?
    public var multipleOf: RuleNumber?

    public init(
        minimum: RuleNumber? = nil, maximum: RuleNumber? = nil, exclusiveMinimum: RuleNumber? = nil, exclusiveMaximum: RuleNumber? = nil,
        multipleOf: RuleNumber? = nil
    ) {
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.multipleOf = multipleOf
    }

    func check(_ value: CheckedNumber, _ input: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) {
        func number(_ bound: RuleNumber) -> JSONValue { .number(bound.description) }
        // A string literal that is no number (never generated) bounds nothing, rather than everything.
        func usable(_ bound: RuleNumber?) -> RuleNumber? { bound?.double.isNaN == false ? bound : nil }
        let (minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf) =
            (usable(minimum), usable(maximum), usable(exclusiveMinimum), usable(exclusiveMaximum), usable(multipleOf))
        if let bound = minimum, value.compare(to: bound) < 0 {
            ctx.add("greater_than_equal", "Input should be greater than or equal to \(bound)", input, at: loc, JSONObject([("ge", number(bound))]))
        }
        if let bound = exclusiveMinimum, value.compare(to: bound) <= 0 {
            ctx.add("greater_than", "Input should be greater than \(bound)", input, at: loc, JSONObject([("gt", number(bound))]))
        }
        if let bound = maximum, value.compare(to: bound) > 0 {
            ctx.add("less_than_equal", "Input should be less than or equal to \(bound)", input, at: loc, JSONObject([("le", number(bound))]))
        }
        if let bound = exclusiveMaximum, value.compare(to: bound) >= 0 {
            ctx.add("less_than", "Input should be less than \(bound)", input, at: loc, JSONObject([("lt", number(bound))]))
        }
        if let step = multipleOf, step.double > 0, !value.isMultiple(of: step) {
            ctx.add("multiple_of", "Input should be a multiple of \(step)", input, at: loc, JSONObject([("multiple_of", number(step))]))
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
