import OpenAPIModel

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

/// `not` and `if`/`then`/`else` (and, for a dictionary, `required`) as values: what a value must also satisfy
/// after it decodes. Written as an APIRuntime `Constraint` literal by ConstraintsRenderer.swift.
struct ConstraintDecl {
    var required: [String] = []
    var not: SubschemaDecl?
    var conditional: ConditionalDecl?

    var isEmpty: Bool { required.isEmpty && not == nil && conditional == nil }
}

struct ConditionalDecl {
    var condition: SubschemaDecl
    var then: SubschemaDecl?
    var otherwise: SubschemaDecl?
}

/// A JSON Schema operand of `not` or `if`/`then`/`else`, its `$ref`s already followed (APIRuntime's `Subschema`).
/// Empty where nothing can be checked (the translator has said why).
final class SubschemaDecl {
    /// JSON kinds, `null` included for a nullable schema.
    var types: [String] = []
    var enumValues: [SpecValue]?
    var string: StringRulesDecl?
    var number: NumberRulesDecl?
    var array: ArrayRulesDecl?
    var items: SubschemaDecl?
    var required: [String] = []
    var properties: [(name: String, schema: SubschemaDecl)] = []
    /// `additionalProperties: false`.
    var closed = false
    var allOf: [SubschemaDecl] = []
    var anyOf: [SubschemaDecl] = []
    var oneOf: [SubschemaDecl] = []
    var not: SubschemaDecl?
    var conditional: ConditionalDecl?
}

/// A schema's `default`, as a value of the member's Swift type (only the shapes a Swift literal can hold; the
/// translator warns about the others). Written by RulesRenderer.swift.
enum DefaultValue {
    case string(String)
    /// An integer exactly as the spec wrote it.
    case integer(String)
    case number(Double)
    case bool(Bool)
    /// A case of the member's enum, by its Swift name.
    case enumCase(String)
    case emptyArray
}
