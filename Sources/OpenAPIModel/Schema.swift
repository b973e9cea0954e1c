/// A number written in the spec, kept as its text so that large integers stay exact.
public struct SpecNumber: Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var isInteger: Bool { Int64(text) != nil }
    public var int64: Int64? { Int64(text) }
    public var double: Double? { Double(text) }
    public var description: String { text }
}

/// A JSON value written in the spec (`default`, `enum`, `const`, examples).
public indirect enum SpecValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(SpecNumber)
    case string(String)
    case array([SpecValue])
    case object([String: SpecValue])
}

/// One JSON Schema of the spec, as far as this generator understands it. A `ref` names a component schema;
/// everything else is the schema's own keywords. 3.0 `nullable` and 3.1 `type: [T, "null"]` both land in `nullable`.
public final class Schema {
    public enum AdditionalProperties {
        case allowed
        case forbidden
        case schema(Schema)
    }

    public struct Discriminator {
        public var propertyName: String
        /// Discriminator value -> component schema name.
        public var mapping: [(value: String, schema: String)]
    }

    public var location: SourceLocation
    /// Where each keyword of this schema was written (`"maxLength"` -> its key), so a tool comparing two specs
    /// can point at the very keyword that changed.
    public var keywordLocations: [String: SourceLocation] = [:]
    public var ref: String?
    /// JSON types, without "null"; empty means any type.
    public var types: [String] = []
    public var nullable = false
    public var format: String?
    public var title: String?
    public var description: String?
    public var properties: [(name: String, schema: Schema)] = []
    public var required: [String] = []
    public var additionalProperties: AdditionalProperties = .allowed
    public var items: Schema?
    public var enumValues: [SpecValue]?
    public var constValue: SpecValue?
    public var allOf: [Schema] = []
    public var oneOf: [Schema] = []
    public var anyOf: [Schema] = []
    public var discriminator: Discriminator?
    /// `not`: a value matching this schema is invalid.
    public var not: Schema?
    /// `if`/`then`/`else`: a value matching `condition` must match `then`, any other must match `otherwise`.
    public var condition: Schema?
    public var then: Schema?
    public var otherwise: Schema?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minimum: SpecNumber?
    public var maximum: SpecNumber?
    public var exclusiveMinimum: SpecNumber?
    public var exclusiveMaximum: SpecNumber?
    public var multipleOf: SpecNumber?
    public var minItems: Int?
    public var maxItems: Int?
    public var uniqueItems = false
    public var defaultValue: SpecValue?
    /// `example`, then the items of `examples`: what documentation shows.
    public var examples: [SpecValue] = []
    public var readOnly = false
    public var writeOnly = false
    public var deprecated = false
    /// 3.0 boolean exclusiveMinimum/Maximum seen before the bound was read.
    var pendingExclusive: Set<String> = []

    public init(location: SourceLocation) {
        self.location = location
    }

    public static func reference(_ name: String, at location: SourceLocation) -> Schema {
        let schema = Schema(location: location)
        schema.ref = name
        return schema
    }

    /// True for a schema that says nothing: any JSON value.
    public var isUnconstrained: Bool {
        ref == nil && types.isEmpty && properties.isEmpty && items == nil && enumValues == nil && constValue == nil
            && allOf.isEmpty && oneOf.isEmpty && anyOf.isEmpty && { if case .allowed = additionalProperties { return true } else { return false } }()
    }
}
