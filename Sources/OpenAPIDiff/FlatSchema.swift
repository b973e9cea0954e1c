/// A schema with its `$ref` followed and its `allOf` members folded in: what a value must satisfy, in one place,
/// with the location each keyword came from.
struct FlatSchema {
    static let lowerBounds = ["minLength", "minimum", "exclusiveMinimum", "minItems"]
    static let upperBounds = ["maxLength", "maximum", "exclusiveMaximum", "maxItems"]

    var location: SourceLocation
    var keywordLocations: [String: SourceLocation]
    var types: [String]
    var nullable: Bool
    var format: String?
    /// `enum`, or `const` as a one-value enum.
    var enumValues: [SpecValue]?
    var enumKeyword: String
    var properties: [(name: String, schema: Schema)]
    var required: Set<String>
    var additionalProperties: Schema.AdditionalProperties
    var items: Schema?
    var alternatives: [Schema]
    var alternativesKeyword: String
    var bounds: [String: SpecNumber]
    var multipleOf: SpecNumber?
    var pattern: String?
    var uniqueItems: Bool
    var readOnly: Bool
    var writeOnly: Bool

    /// Where `keyword` was written, or the schema itself when it was not.
    func location(of keyword: String) -> SourceLocation { keywordLocations[keyword] ?? location }

    /// - Parameter resolve: follows a schema's `$ref`s to the component they name (nil for a dangling one).
    init(_ schema: Schema, resolve: (Schema) -> Schema?) {
        var merged: Set<ObjectIdentifier> = [ObjectIdentifier(schema)]
        self.init(schema, resolve: resolve, merged: &merged)
    }

    /// `merged` holds the schemas folded in so far: each is folded once, so `allOf` cycles end and a member
    /// named twice costs nothing more.
    private init(_ schema: Schema, resolve: (Schema) -> Schema?, merged: inout Set<ObjectIdentifier>) {
        location = schema.location
        keywordLocations = schema.keywordLocations
        types = schema.types
        nullable = schema.nullable
        format = schema.format
        enumValues = schema.enumValues ?? schema.constValue.map { [$0] }
        enumKeyword = schema.enumValues == nil && schema.constValue != nil ? "const" : "enum"
        properties = schema.properties
        required = Set(schema.required)
        additionalProperties = schema.additionalProperties
        items = schema.items
        alternatives = schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf
        alternativesKeyword = schema.oneOf.isEmpty ? "anyOf" : "oneOf"
        bounds = [:]
        for (keyword, value) in [
            ("minLength", schema.minLength.map { SpecNumber(String($0)) }), ("maxLength", schema.maxLength.map { SpecNumber(String($0)) }),
            ("minItems", schema.minItems.map { SpecNumber(String($0)) }), ("maxItems", schema.maxItems.map { SpecNumber(String($0)) }),
            ("minimum", schema.minimum), ("maximum", schema.maximum),
            ("exclusiveMinimum", schema.exclusiveMinimum), ("exclusiveMaximum", schema.exclusiveMaximum),
        ] {
            if let value { bounds[keyword] = value }
        }
        multipleOf = schema.multipleOf
        pattern = schema.pattern
        uniqueItems = schema.uniqueItems
        readOnly = schema.readOnly
        writeOnly = schema.writeOnly
        for member in schema.allOf {
            guard let resolved = resolve(member), merged.insert(ObjectIdentifier(resolved)).inserted else { continue }
            merge(FlatSchema(resolved, resolve: resolve, merged: &merged))
        }
    }

    /// A value satisfies every `allOf` member: what the schema itself leaves open, a member may constrain.
    private mutating func merge(_ member: FlatSchema) {
        for (keyword, place) in member.keywordLocations where keywordLocations[keyword] == nil { keywordLocations[keyword] = place }
        if types.isEmpty {
            types = member.types
            nullable = nullable || member.nullable
        }
        format = format ?? member.format
        if enumValues == nil {
            enumValues = member.enumValues
            enumKeyword = member.enumKeyword
        }
        for property in member.properties where !properties.contains(where: { $0.name == property.name }) {
            properties.append(property)
        }
        required.formUnion(member.required)
        if case .allowed = additionalProperties { additionalProperties = member.additionalProperties }
        items = items ?? member.items
        if alternatives.isEmpty {
            alternatives = member.alternatives
            alternativesKeyword = member.alternativesKeyword
        }
        bounds.merge(member.bounds) { own, _ in own }
        multipleOf = multipleOf ?? member.multipleOf
        pattern = pattern ?? member.pattern
        uniqueItems = uniqueItems || member.uniqueItems
    }
}
