/// A schema that is checked but produces no value: the operand of `not`, and the `if`, `then` and `else` of a
/// conditional. Generated code writes one as a literal; `matches` applies JSON Schema's rules to a JSON value.
///
/// Each keyword constrains only values of its own kind (a `minLength` says nothing about a number), as in JSON
/// Schema, and the string, number and array keywords are checked by the same `Check` functions as everywhere
/// else, so a bound means the same here as in a member's own schema.
public final class Subschema: Sendable {
    public enum Kind: String, Sendable { case null, boolean, integer, number, string, array, object }

    /// Allowed kinds; nil allows any. `integer` admits a number without a fractional part.
    public let types: [Kind]?
    public let enumValues: [JSONValue]?
    public let string: StringRules?
    public let number: NumberRules?
    public let array: ArrayRules?
    public let items: Subschema?
    public let required: [String]
    public let properties: [(name: String, schema: Subschema)]
    /// `additionalProperties: false`: no member beyond `properties`.
    public let closed: Bool
    public let allOf: [Subschema]
    public let anyOf: [Subschema]
    public let oneOf: [Subschema]
    public let not: Subschema?
    public let conditional: Conditional?
    /// The schema `false`: nothing matches.
    public let nothing: Bool

    public struct Conditional: Sendable {
        public let condition: Subschema
        public let then: Subschema?
        public let otherwise: Subschema?

        public init(if condition: Subschema, then: Subschema? = nil, else otherwise: Subschema? = nil) {
            self.condition = condition
            self.then = then
            self.otherwise = otherwise
        }
    }

    public init(
        types: [Kind]? = nil, enumValues: [JSONValue]? = nil, string: StringRules? = nil, number: NumberRules? = nil,
        array: ArrayRules? = nil, items: Subschema? = nil, required: [String] = [], properties: [(name: String, schema: Subschema)] = [],
        closed: Bool = false, allOf: [Subschema] = [], anyOf: [Subschema] = [], oneOf: [Subschema] = [], not: Subschema? = nil,
        conditional: Conditional? = nil, nothing: Bool = false
    ) {
        self.types = types
        self.enumValues = enumValues
        self.string = string
        self.number = number
        self.array = array
        self.items = items
        self.required = required
        self.properties = properties
        self.closed = closed
        self.allOf = allOf
        self.anyOf = anyOf
        self.oneOf = oneOf
        self.not = not
        self.conditional = conditional
        self.nothing = nothing
    }

    public func matches(_ json: JSONValue) -> Bool {
        if nothing { return false }
        if let types, !types.contains(where: { Self.kind($0, admits: json) }) { return false }
        if let enumValues, !enumValues.contains(where: { Self.equal($0, json) }) { return false }
        // The `Check` functions record what fails; any issue at all is a mismatch.
        var scratch = DecodeContext()
        switch json {
        case .string:
            if let string { _ = Check.string(json, at: [], &scratch, string) }
        case .number:
            if let number { _ = Check.number(Double.self, json, at: [], &scratch, number) }
        case .array(let elements):
            if let array { _ = Check.array(json, at: [], &scratch, array) { v, _, _ in v } }
            if let items, !elements.allSatisfy(items.matches) { return false }
        case .object(let object):
            if required.contains(where: { object[$0] == nil }) { return false }
            for (name, schema) in properties {
                if let value = object[name], !schema.matches(value) { return false }
            }
            if closed, object.members.contains(where: { member in !properties.contains { $0.name == member.key } }) { return false }
        default:
            break
        }
        if !scratch.issues.isEmpty { return false }
        if !allOf.allSatisfy({ $0.matches(json) }) { return false }
        if !anyOf.isEmpty, !anyOf.contains(where: { $0.matches(json) }) { return false }
        if !oneOf.isEmpty, oneOf.filter({ $0.matches(json) }).count != 1 { return false }
        if let not, not.matches(json) { return false }
        if let conditional {
            let branch = conditional.condition.matches(json) ? conditional.then : conditional.otherwise
            if let branch, !branch.matches(json) { return false }
        }
        return true
    }

    static func kind(_ kind: Kind, admits json: JSONValue) -> Bool {
        switch (kind, json) {
        case (.null, .null), (.boolean, .bool), (.number, .number), (.string, .string), (.array, .array), (.object, .object): true
        case (.integer, .number(let text)): ExactNumber(text)?.isWhole == true
        default: false
        }
    }

    /// JSON equality, numbers by value (`1` equals `1.0`).
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            guard x != y else { return true }
            guard let x = ExactNumber(x), let y = ExactNumber(y) else { return false }
            return x.compare(to: y) == 0
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy(equal)
        case (.object(let x), .object(let y)):
            return x.members.count == y.members.count && x.members.allSatisfy { member in y[member.key].map { equal(member.value, $0) } ?? false }
        default:
            return a == b
        }
    }
}

extension Check {
    /// `not`, `if`/`then`/`else` and the like on a value that also decodes to a type: decodes it, then checks
    /// `constraint` against the JSON value (for a parameter, against the value it was converted to, not its text).
    public static func constrained<T: JSONValueEncodable>(
        _ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ constraint: Constraint, _ decode: Decode<T>
    ) -> T? {
        guard let value = decode(json, loc, &ctx) else { return nil }
        return constraint.check(ctx.parameters ? value.jsonValue : json, at: loc, &ctx) ? value : nil
    }
}

/// What a schema's `not` and `if`/`then`/`else` require of its value, each failure a 422 issue of its own.
public struct Constraint: Sendable {
    /// Members an object must have, for an object schema whose type is a dictionary (it declares no `properties`
    /// that a struct would check).
    public var required: [String]
    public var not: Subschema?
    public var conditional: Subschema.Conditional?

    public init(required: [String] = [], not: Subschema? = nil, conditional: Subschema.Conditional? = nil) {
        self.required = required
        self.not = not
        self.conditional = conditional
    }

    /// True when `json` satisfies every part; otherwise records why, at `loc`.
    @discardableResult
    public func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) -> Bool {
        var ok = true
        if case .object(let object) = json {
            for name in required where object[name] == nil {
                ctx.add("missing", "Field required", json, at: loc + [.key(name)])
                ok = false
            }
        }
        if let not, not.matches(json) {
            ctx.add("not_allowed", "Input should not match the schema under 'not'", json, at: loc)
            ok = false
        }
        if let conditional {
            let holds = conditional.condition.matches(json)
            if let branch = holds ? conditional.then : conditional.otherwise, !branch.matches(json) {
                let name = holds ? "then" : "else"
                ctx.add(
                    "\(name)_failed", "Input should match the '\(name)' schema, as it \(holds ? "matches" : "does not match") the 'if' schema", json,
                    at: loc)
                ok = false
            }
        }
        return ok
    }
}
