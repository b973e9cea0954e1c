import OpenAPIModel

/// A `SwiftType` as Swift text: its spelling, and the expressions that decode a value of it.
extension SwiftType {
    var spelling: String {
        switch self {
        case .string: "String"
        case .integer(let name, _), .number(let name, _): name
        case .bool: "Bool"
        case .dateTime: "Date"
        case .uuid: "UUID"
        case .any: Runtime.jsonValue
        case .named(let name): name
        case .array(let element, _): "[\(element.spelling)]"
        case .dictionary(let value): "[String: \(value.spelling)]"
        case .nullable(let wrapped): "\(wrapped.spelling)?"
        case .boxed(let wrapped): "\(Runtime.box)<\(wrapped.spelling)>"
        case .constrained(let wrapped, _): wrapped.spelling
        }
    }

    /// For a type that generated code can decode by naming it (`String.self, StringRules(...)`) rather than
    /// through a closure: the arguments after `&ctx`. Nil for collections, boxes and untyped values.
    var typeArguments: String? {
        func with(_ name: String, _ rules: String?) -> String { rules.map { "\(name).self, \($0)" } ?? "\(name).self" }
        switch self {
        case .string(let rules): return with("String", rules?.rendered)
        case .integer(let name, let rules), .number(let name, let rules): return with(name, rules?.rendered)
        case .bool: return "Bool.self"
        case .dateTime: return "Date.self"
        case .uuid: return "UUID.self"
        case .named(let name): return "\(name).self"
        default: return nil
        }
    }

    /// A member check: `Check.<function>(object, "key", ..., &ctx, Type.self[, rules])` when the type allows,
    /// else the closure form. `function` is required, optional, field or defaulted (with its default inserted).
    static func memberCheck(_ function: String, object: String, key: String, defaultValue: String? = nil, loc: String, type: SwiftType) -> String {
        let prefix = "\(Runtime.check).\(function)(\(object), \(key), \(defaultValue.map { "\($0), " } ?? "")at: \(loc), &ctx"
        if function == "required", case .nullable(let wrapped) = type, let arguments = wrapped.typeArguments {
            return "\(Runtime.check).requiredNullable(\(object), \(key), at: \(loc), &ctx, \(arguments))"
        }
        if let arguments = type.typeArguments { return prefix + ", \(arguments))" }
        return prefix + ") { v, loc, ctx in \(type.decode("v", "loc")) }"
    }

    /// An expression of type `Self?` (nil: invalid, issues recorded in `ctx`) decoding `value` found at `loc`.
    func decode(_ value: String, _ loc: String) -> String {
        func rules(_ text: String?) -> String { text.map { ", \($0)" } ?? "" }
        switch self {
        case .string(let r): return "\(Runtime.check).string(\(value), at: \(loc), &ctx\(rules(r?.rendered)))"
        case .integer(let name, let r): return "\(Runtime.check).integer(\(name).self, \(value), at: \(loc), &ctx\(rules(r?.rendered)))"
        case .number(let name, let r): return "\(Runtime.check).number(\(name).self, \(value), at: \(loc), &ctx\(rules(r?.rendered)))"
        case .bool: return "\(Runtime.check).bool(\(value), at: \(loc), &ctx)"
        case .dateTime: return "\(Runtime.check).dateTime(\(value), at: \(loc), &ctx)"
        case .uuid: return "\(Runtime.check).uuid(\(value), at: \(loc), &ctx)"
        case .any: return "Optional(\(value))"
        case .named(let name): return "\(name).decode(\(value), at: \(loc), &ctx)"
        case .array(let element, let r):
            return "\(Runtime.check).array(\(value), at: \(loc), &ctx\(rules(r?.rendered))) { v, loc, ctx in \(element.decode("v", "loc")) }"
        case .dictionary(let element):
            return "\(Runtime.check).dictionary(\(value), at: \(loc), &ctx) { v, loc, ctx in \(element.decode("v", "loc")) }"
        case .nullable(let wrapped):
            return "\(Runtime.check).nullable(\(value), at: \(loc), &ctx) { v, loc, ctx in \(wrapped.decode("v", "loc")) }"
        case .boxed(let wrapped):
            return "\(wrapped.decode(value, loc)).map { \(Runtime.box)($0) }"
        case .constrained(let wrapped, let constraint):
            return "\(Runtime.check).constrained(\(value), at: \(loc), &ctx, \(constraint.rendered)) { v, loc, ctx in \(wrapped.decode("v", "loc")) }"
        }
    }
}
