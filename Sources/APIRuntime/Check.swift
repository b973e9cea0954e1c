import Foundation

/// The checks generated decoders call. Each returns nil when the value is invalid, after recording why in `ctx`
/// (the message texts and `type`s are pydantic's, so clients of the FastAPI original read them unchanged).
public enum Check {
    public typealias Decode<T> = (JSONValue, JSONPath, inout DecodeContext) -> T?

    // MARK: Objects and members

    public static func object(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext) -> JSONObject? {
        if case .object(let object) = json { return object }
        ctx.add("model_attributes_type", "Input should be a valid dictionary or object to extract fields from", json, at: loc)
        return nil
    }

    /// A member that must be present.
    public static func required<T>(_ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ decode: Decode<T>) -> T? {
        guard let value = object[key] else {
            ctx.add("missing", "Field required", ctx.parameters ? .null : .object(object), at: loc + [.key(key)])
            return nil
        }
        return decode(value, loc + [.key(key)], &ctx)
    }

    /// A member that may be absent: `.some(nil)` when it is.
    public static func optional<T>(_ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ decode: Decode<T>) -> T?? {
        guard let value = object[key] else { return .some(nil) }
        return decode(value, loc + [.key(key)], &ctx).map { .some($0) }
    }

    /// A member that may be absent, null or a value, and the caller sees which.
    public static func field<T>(_ object: JSONObject, _ key: String, at loc: JSONPath, _ ctx: inout DecodeContext, _ decode: Decode<T>) -> Field<T>? {
        guard let value = object[key] else { return .absent }
        if case .null = value { return .null }
        return decode(value, loc + [.key(key)], &ctx).map { .value($0) }
    }

    /// A member that takes the spec's default when absent.
    public static func defaulted<T>(
        _ object: JSONObject, _ key: String, _ defaultValue: T, at loc: JSONPath, _ ctx: inout DecodeContext, _ decode: Decode<T>
    ) -> T? {
        guard let value = object[key] else { return defaultValue }
        return decode(value, loc + [.key(key)], &ctx)
    }

    /// A nullable value: `.some(nil)` for `null`.
    public static func nullable<T>(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ decode: Decode<T>) -> T?? {
        if case .null = json { return .some(nil) }
        return decode(json, loc, &ctx).map { .some($0) }
    }

    /// Records every member not in `allowed` (`additionalProperties: false`).
    /// Whether `object` has no member beyond `allowed`; each other member is an issue.
    @discardableResult
    public static func noAdditionalProperties(_ object: JSONObject, allowed: Set<String>, at loc: JSONPath, _ ctx: inout DecodeContext) -> Bool {
        var closed = true
        for member in object.members where !allowed.contains(member.key) {
            ctx.add("extra_forbidden", "Extra inputs are not permitted", member.value, at: loc + [.key(member.key)])
            closed = false
        }
        return closed
    }

    // MARK: Collections

    public static func array<T>(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ rules: ArrayRules? = nil, _ decode: Decode<T>)
        -> [T]?
    {
        guard case .array(let items) = json else {
            ctx.add("list_type", "Input should be a valid list", json, at: loc)
            return nil
        }
        // A rule broken is an issue and no value (the items are still decoded, so their issues are reported too).
        var failed = false
        if let rules {
            if let min = rules.minItems, items.count < min {
                ctx.add(
                    "too_short", "List should have at least \(min) item\(min == 1 ? "" : "s") after validation, not \(items.count)", json, at: loc,
                    JSONObject([("field_type", "List"), ("min_length", .number(String(min))), ("actual_length", .number(String(items.count)))]))
                failed = true
            }
            if let max = rules.maxItems, items.count > max {
                ctx.add(
                    "too_long", "List should have at most \(max) item\(max == 1 ? "" : "s") after validation, not \(items.count)", json, at: loc,
                    JSONObject([("field_type", "List"), ("max_length", .number(String(max))), ("actual_length", .number(String(items.count)))]))
                failed = true
            }
            if rules.uniqueItems, Set(items).count != items.count {
                ctx.add("list_not_unique", "List should have unique items", json, at: loc)
                failed = true
            }
        }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if let value = decode(item, loc + [.index(index)], &ctx) { result.append(value) } else { failed = true }
        }
        return failed ? nil : result
    }

    public static func dictionary<T>(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ decode: Decode<T>) -> [String: T]? {
        guard case .object(let object) = json else {
            ctx.add("dict_type", "Input should be a valid dictionary", json, at: loc)
            return nil
        }
        var result: [String: T] = [:]
        var failed = false
        for member in object.members {
            if let value = decode(member.value, loc + [.key(member.key)], &ctx) { result[member.key] = value } else { failed = true }
        }
        return failed ? nil : result
    }

    // MARK: Unions

    /// A `oneOf`/`anyOf` with a discriminator: the tag picks the alternative.
    public static func discriminated<T>(
        _ json: JSONValue, property: String, tags: [String], at loc: JSONPath, _ ctx: inout DecodeContext,
        _ decode: (String, JSONValue, JSONPath, inout DecodeContext) -> T?
    ) -> T? {
        guard case .object(let object) = json, case .string(let tag)? = object[property] else {
            ctx.add(
                "union_tag_not_found", "Unable to extract tag using discriminator '\(property)'", json, at: loc,
                JSONObject([("discriminator", .string("'\(property)'"))]))
            return nil
        }
        guard tags.contains(tag) else {
            let expected = tags.map { "'\($0)'" }.joined(separator: ", ")
            ctx.add(
                "union_tag_invalid", "Input tag '\(tag)' found using '\(property)' does not match any of the expected tags: \(expected)", json,
                at: loc,
                JSONObject([("discriminator", .string("'\(property)'")), ("tag", .string(tag)), ("expected_tags", .string(expected))]))
            return nil
        }
        return decode(tag, json, loc, &ctx)
    }

    /// A `oneOf`/`anyOf` without a discriminator: the first alternative that accepts the value.
    public static func firstMatch<T>(_ json: JSONValue, at loc: JSONPath, _ ctx: inout DecodeContext, _ alternatives: [Decode<T>]) -> T? {
        for alternative in alternatives {
            var trial = DecodeContext(parameters: ctx.parameters)
            if let value = alternative(json, loc, &trial), trial.issues.isEmpty { return value }
        }
        ctx.add("union_no_match", "Input should match one of the \(alternatives.count) alternatives", json, at: loc)
        return nil
    }
}
