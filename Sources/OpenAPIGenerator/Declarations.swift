import OpenAPIModel

/// The middle stage: what the generated Swift declares, before any text is written.

/// A Swift type used somewhere in generated code, with what generated code needs to decode it. Its Swift text
/// (spelling, decoding expressions) is written by SwiftTypeRenderer.swift.
indirect enum SwiftType {
    case string(rules: StringRulesDecl?)
    case integer(String, rules: NumberRulesDecl?)
    case number(String, rules: NumberRulesDecl?)
    case bool
    case dateTime
    case uuid
    case any
    case named(String)
    case array(SwiftType, rules: ArrayRulesDecl?)
    case dictionary(SwiftType)
    case nullable(SwiftType)
    case boxed(SwiftType)
    /// A value that must also satisfy a `Constraint(...)` literal (`not`, `if`/`then`/`else`).
    case constrained(SwiftType, constraint: ConstraintDecl)

    var isNullable: Bool {
        if case .nullable = self { return true }
        return false
    }

    var nonNull: SwiftType {
        if case .nullable(let wrapped) = self { return wrapped }
        return self
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
        case defaulted(DefaultValue)
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
        case .field: "\(Runtime.field)<\(type.nonNull.spelling)>"
        }
    }

    /// The default in the memberwise initialiser, if any.
    var initDefault: String? {
        switch presence {
        case .required: type.isNullable ? "nil" : nil
        case .optional: "nil"
        case .field: ".absent"
        case .defaulted(let value): value.rendered
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
    var constraint: ConstraintDecl?
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
    /// The Swift raw type: `String` or `Int` (an enum of other values is a union or an alias instead).
    enum RawType { case string, int }

    /// A case's raw value as data: the text of a string, or the digits of an integer. Only the renderer spells it.
    enum RawValue: Equatable {
        case string(String)
        case integer(String)
    }

    var name: String
    var rawType: RawType
    var cases: [(name: String, raw: RawValue)]
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
    var constraint: ConstraintDecl?
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
