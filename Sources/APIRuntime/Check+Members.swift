import Foundation

/// A value type with a validator that generated code names by type (`String.self`) instead of wrapping it in a
/// closure; this keeps generated decoders small, and large specs quick to compile.
public protocol JSONScalar {
    associatedtype Rules: Sendable = Never
    static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: Rules?) -> Self?
}

extension String: JSONScalar {
    public static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: StringRules?) -> String? {
        Check.string(json, at: loc, &ctx, rules)
    }
}

extension Int: JSONScalar {
    public static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: NumberRules?) -> Int? {
        Check.integer(Int.self, json, at: loc, &ctx, rules)
    }
}

extension Int32: JSONScalar {
    public static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: NumberRules?) -> Int32? {
        Check.integer(Int32.self, json, at: loc, &ctx, rules)
    }
}

extension Int64: JSONScalar {
    public static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: NumberRules?) -> Int64? {
        Check.integer(Int64.self, json, at: loc, &ctx, rules)
    }
}

extension Double: JSONScalar {
    public static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: NumberRules?) -> Double? {
        Check.number(Double.self, json, at: loc, &ctx, rules)
    }
}

extension Float: JSONScalar {
    public static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: NumberRules?) -> Float? {
        Check.number(Float.self, json, at: loc, &ctx, rules)
    }
}

extension Bool: JSONScalar {
    public static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: Never?) -> Bool? {
        Check.bool(json, at: loc, &ctx)
    }
}

extension Date: JSONScalar {
    public static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: Never?) -> Date? {
        Check.dateTime(json, at: loc, &ctx)
    }
}

extension UUID: JSONScalar {
    public static func check(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: Never?) -> UUID? {
        Check.uuid(json, at: loc, &ctx)
    }
}

/// Member checks by type: the same semantics as the closure-taking forms in `Check`.
extension Check {
    public static func required<T: JSONScalar>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type, _ rules: T.Rules?
    ) -> T? {
        required(object, key, at: loc, &ctx) { T.check($0, at: $1, &$2, rules) }
    }

    /// Without rules: the same check, with no `nil` built at every call site.
    public static func required<T: JSONScalar>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type
    ) -> T? {
        required(object, key, at: loc, &ctx, type, nil)
    }

    public static func required<T: JSONValueDecodable>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type
    ) -> T? {
        required(object, key, at: loc, &ctx, T.decode)
    }

    public static func requiredNullable<T: JSONScalar>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type, _ rules: T.Rules?
    ) -> T?? {
        required(object, key, at: loc, &ctx) { json, loc, ctx in nullable(json, at: loc, &ctx) { T.check($0, at: $1, &$2, rules) } }
    }

    /// Without rules: the same check, with no `nil` built at every call site.
    public static func requiredNullable<T: JSONScalar>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type
    ) -> T?? {
        requiredNullable(object, key, at: loc, &ctx, type, nil)
    }

    public static func requiredNullable<T: JSONValueDecodable>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type
    ) -> T?? {
        required(object, key, at: loc, &ctx) { json, loc, ctx in nullable(json, at: loc, &ctx, T.decode) }
    }

    public static func optional<T: JSONScalar>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type, _ rules: T.Rules?
    ) -> T?? {
        optional(object, key, at: loc, &ctx) { T.check($0, at: $1, &$2, rules) }
    }

    /// Without rules: the same check, with no `nil` built at every call site.
    public static func optional<T: JSONScalar>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type
    ) -> T?? {
        optional(object, key, at: loc, &ctx, type, nil)
    }

    public static func optional<T: JSONValueDecodable>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type
    ) -> T?? {
        optional(object, key, at: loc, &ctx, T.decode)
    }

    public static func field<T: JSONScalar>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type, _ rules: T.Rules?
    ) -> Field<T>? {
        field(object, key, at: loc, &ctx) { T.check($0, at: $1, &$2, rules) }
    }

    /// Without rules: the same check, with no `nil` built at every call site.
    public static func field<T: JSONScalar>(
        _ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type
    ) -> Field<T>? {
        field(object, key, at: loc, &ctx, type, nil)
    }

    public static func field<T: JSONValueDecodable>(_ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type)
        -> Field<T>?
    {
        field(object, key, at: loc, &ctx, T.decode)
    }

    public static func defaulted<T: JSONScalar>(
        _ object: JSONObject, _ key: String, _ defaultValue: T, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type, _ rules: T.Rules?
    ) -> T? {
        defaulted(object, key, defaultValue, at: loc, &ctx) { T.check($0, at: $1, &$2, rules) }
    }

    /// Without rules: the same check, with no `nil` built at every call site.
    public static func defaulted<T: JSONScalar>(
        _ object: JSONObject, _ key: String, _ defaultValue: T, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type
    ) -> T? {
        defaulted(object, key, defaultValue, at: loc, &ctx, type, nil)
    }

    public static func defaulted<T: JSONValueDecodable>(
        _ object: JSONObject, _ key: String, _ defaultValue: T, at loc: JSONPath, _ ctx: inout DecodeContext, _ type: T.Type
    ) -> T? {
        defaulted(object, key, defaultValue, at: loc, &ctx, T.decode)
    }
}
