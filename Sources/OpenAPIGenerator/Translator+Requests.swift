import OpenAPIModel

extension Translator {
    /// Every schema a request can carry (bodies and parameters, through `$ref`s and nesting), by identity.
    /// A required `readOnly` member is required in responses only (OpenAPI 3.0.3), so only the types a request
    /// never decodes can declare it non-optional.
    func requestSchemas() -> Set<ObjectIdentifier> {
        var reached: Set<ObjectIdentifier> = []
        var stack: [Schema] = []
        for operation in document.operations {
            stack += operation.parameters.map(\.schema)
            stack += operation.requestBody?.contents.compactMap(\.schema) ?? []
        }
        while let schema = stack.popLast() {
            guard reached.insert(ObjectIdentifier(schema)).inserted else { continue }
            if let ref = schema.ref, let target = componentSchemas[ref] { stack.append(target) }
            stack += schema.properties.map(\.schema) + schema.allOf + schema.oneOf + schema.anyOf
            if let items = schema.items { stack.append(items) }
            if case .schema(let values) = schema.additionalProperties { stack.append(values) }
        }
        return reached
    }
}
