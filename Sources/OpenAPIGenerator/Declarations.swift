import OpenAPIModel

/// The middle stage: what the generated Swift declares, before any text is written.

/// A Swift type used somewhere in generated code, with what generated code needs to decode it.
indirect enum SwiftType {
    case string(rules: String?)
    case integer(String, rules: String?)
    case number(String, rules: String?)
    case bool
    case dateTime
    case uuid
    case any
    case named(String)
    case array(SwiftType, rules: String?)
    case dictionary(SwiftType)
    case nullable(SwiftType)
    case boxed(SwiftType)
    /// A value that must also satisfy a `Constraint(...)` literal (`not`, `if`/`then`/`else`).
    case constrained(SwiftType, constraint: String)

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
        case .boxed(let wrapped): "Box<\(wrapped.spelling)>"
        case .constrained(let wrapped, _): wrapped.spelling
        }
    }

    var isNullable: Bool {
        if case .nullable = self { return true }
        return false
    }

    var nonNull: SwiftType {
        if case .nullable(let wrapped) = self { return wrapped }
        return self
    }

    /// For a type that generated code can decode by naming it (`String.self, StringRules(...)`) rather than
    /// through a closure: the arguments after `&ctx`. Nil for collections, boxes and untyped values.
    var typeArguments: String? {
        func with(_ name: String, _ rules: String?) -> String { rules.map { "\(name).self, \($0)" } ?? "\(name).self" }
        switch self {
        case .string(let rules): return with("String", rules)
        case .integer(let name, let rules), .number(let name, let rules): return with(name, rules)
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
        case .string(let r): return "\(Runtime.check).string(\(value), at: \(loc), &ctx\(rules(r)))"
        case .integer(let name, let r): return "\(Runtime.check).integer(\(name).self, \(value), at: \(loc), &ctx\(rules(r)))"
        case .number(let name, let r): return "\(Runtime.check).number(\(name).self, \(value), at: \(loc), &ctx\(rules(r)))"
        case .bool: return "\(Runtime.check).bool(\(value), at: \(loc), &ctx)"
        case .dateTime: return "\(Runtime.check).dateTime(\(value), at: \(loc), &ctx)"
        case .uuid: return "\(Runtime.check).uuid(\(value), at: \(loc), &ctx)"
        case .any: return "Optional(\(value))"
        case .named(let name): return "\(name).decode(\(value), at: \(loc), &ctx)"
        case .array(let element, let r):
            return "\(Runtime.check).array(\(value), at: \(loc), &ctx\(rules(r))) { v, loc, ctx in \(element.decode("v", "loc")) }"
        case .dictionary(let element):
            return "\(Runtime.check).dictionary(\(value), at: \(loc), &ctx) { v, loc, ctx in \(element.decode("v", "loc")) }"
        case .nullable(let wrapped):
            return "\(Runtime.check).nullable(\(value), at: \(loc), &ctx) { v, loc, ctx in \(wrapped.decode("v", "loc")) }"
        case .boxed(let wrapped):
            return "\(wrapped.decode(value, loc)).map { \(Runtime.box)($0) }"
        case .constrained(let wrapped, let constraint):
            return "\(Runtime.check).constrained(\(value), at: \(loc), &ctx, \(constraint)) { v, loc, ctx in \(wrapped.decode("v", "loc")) }"
        }
    }
}

/// Where a declaration came from, for its doc comment.
struct Origin {
    var pointer: String
    var location: SourceLocation
}

struct PropertyDecl {
    enum Presence {
        /// Must be present (it may still be `null` when the type is nullable).
        case required
        /// May be absent: `T?`.
        case optional
        /// May be absent or `null`, and the handler sees which: `Field<T>`.
        case field
        /// May be absent; then the spec's default applies.
        case defaulted(String)
    }
    var swiftName: String
    var wireName: String
    var type: SwiftType
    var presence: Presence
    var writeOnly: Bool
    var doc: [String?]
    /// `writeOnly` or `format: password`: its value never appears in a validation error.
    var secret = false

    var declaredType: String {
        switch presence {
        case .required, .defaulted: type.spelling
        case .optional: type.isNullable ? type.spelling : type.spelling + "?"
        case .field: "Field<\(type.nonNull.spelling)>"
        }
    }

    /// The default in the memberwise initialiser, if any.
    var initDefault: String? {
        switch presence {
        case .required: type.isNullable ? "nil" : nil
        case .optional: "nil"
        case .field: ".absent"
        case .defaulted(let literal): literal
        }
    }
}

struct StructDecl {
    var name: String
    var qualifiedName: String
    var doc: [String?]
    var origin: Origin
    var properties: [PropertyDecl]
    var forbidsAdditionalProperties: Bool
    /// `additionalProperties` with a schema beside `properties`: the undeclared members, kept in a dictionary.
    var additionalMembers: AdditionalMembers?
    /// A `Constraint(...)` literal: the schema's `not` and `if`/`then`/`else`.
    var constraint: String?
    var nested: [Decl]

    struct AdditionalMembers {
        var swiftName: String
        var valueType: SwiftType
        var type: SwiftType { .dictionary(valueType) }
    }

    /// Every declared wire name: the members a dictionary of additional members never holds.
    var declaredWireNames: String { properties.map { Naming.literal($0.wireName) }.joined(separator: ", ") }
}

struct EnumDecl {
    var name: String
    var rawType: String
    var cases: [(name: String, raw: String)]
    var doc: [String?]
    var origin: Origin
}

struct UnionDecl {
    var name: String
    var qualifiedName: String
    var cases: [(name: String, type: SwiftType)]
    /// Property name, and discriminator value -> case name.
    var discriminator: (property: String, values: [(value: String, caseName: String)])?
    var doc: [String?]
    var origin: Origin
    /// A `Constraint(...)` literal: the schema's `not` and `if`/`then`/`else`.
    var constraint: String?
    var nested: [Decl]
}

struct AliasDecl {
    var name: String
    var type: SwiftType
    var doc: [String?]
    var origin: Origin
}

indirect enum Decl {
    case structure(StructDecl)
    case enumeration(EnumDecl)
    case union(UnionDecl)
    case alias(AliasDecl)
}
