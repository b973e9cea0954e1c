extension Linter {
    func checkPathItem(_ rawItem: YAMLNode, path: String) {
        guard rawItem["$ref"] == nil else { return }
        checkKeywords(rawItem, .pathItem)
        for parameter in rawItem["parameters"]?.sequence ?? [] { checkParameter(parameter) }
        for (methodKey, operation) in rawItem.mapping ?? [] {
            guard let name = methodKey.scalar, let method = HTTPMethod(rawValue: name), operation.mapping != nil else { continue }
            checkOperation(operation, method: method, path: path, at: methodKey.location)
        }
    }

    private func checkOperation(_ operation: YAMLNode, method: HTTPMethod, path: String, at location: SourceLocation) {
        checkKeywords(operation, .operation)
        let title = "\(method.rawValue.uppercased()) \(path)"
        if let idNode = operation["operationId"], let id = idNode.scalar { checkOperationId(id, at: idNode.location) }
        for tag in operation["tags"]?.sequence ?? [] {
            if let name = tag.scalar { usedTags.append((name, tag.location)) }
        }
        for parameter in operation["parameters"]?.sequence ?? [] { checkParameter(parameter) }
        if let body = operation["requestBody"] {
            if [.get, .head, .delete].contains(method), let key = Self.keyLocation("requestBody", in: operation) {
                report(
                    .requestBodyOnGet,
                    "\(title) has a 'requestBody', which many clients, proxies and servers drop for \(method.rawValue.uppercased()); send the data as parameters or use POST",
                    at: key)
            }
            checkRequestBody(body)
        }
        guard let responses = operation["responses"]?.mapping else { return }
        var succeeds = false
        for (codeKey, response) in responses {
            let code = codeKey.scalar ?? ""
            if codeKey.isPlainScalar, Int(code) != nil {
                report(.responseCodeNotString, "response code \(code) is a number in YAML; quote it: '\(code)'", at: codeKey.location)
            }
            if code.hasPrefix("2") || code.hasPrefix("3") { succeeds = true }
            checkResponse(response)
        }
        if !succeeds, let key = Self.keyLocation("responses", in: operation) {
            report(.successResponse, "\(title) documents no success response; add a 2XX (or 3XX) response such as '200' or '204'", at: key)
        }
    }

    private func checkOperationId(_ id: String, at location: SourceLocation) {
        let allowed = id.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || $0 == "_" || $0 == "-"
        }
        guard !allowed || id.first?.isNumber == true else { return }
        let words = id.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        var suggestion = words.enumerated().map {
            $0.offset == 0 ? $0.element.prefix(1).lowercased() + $0.element.dropFirst() : $0.element.prefix(1).uppercased() + $0.element.dropFirst()
        }.joined()
        if suggestion.first?.isNumber ?? true { suggestion = "op" + suggestion }
        report(
            .operationIdIdentifier,
            "operationId '\(id)' has characters that make a poor identifier or URL fragment; use letters, digits and '_', such as '\(suggestion)'",
            at: location)
    }

    func checkParameter(_ raw: YAMLNode) {
        if raw["$ref"] != nil { return checkRefSiblings(raw, allowed: is31 ? ["summary", "description"] : []) }
        checkKeywords(raw, .parameter)
        checkSchemaAndExamples(raw, owner: "parameter '\(raw["name"]?.scalar ?? "")'", textual: true)
    }

    func checkHeader(_ raw: YAMLNode) {
        if raw["$ref"] != nil { return checkRefSiblings(raw, allowed: is31 ? ["summary", "description"] : []) }
        checkKeywords(raw, .header)
        checkSchemaAndExamples(raw, owner: "header", textual: true)
    }

    func checkRequestBody(_ raw: YAMLNode) {
        if raw["$ref"] != nil { return checkRefSiblings(raw, allowed: is31 ? ["summary", "description"] : []) }
        checkKeywords(raw, .requestBody)
        checkContent(raw["content"])
    }

    func checkResponse(_ raw: YAMLNode) {
        if raw["$ref"] != nil { return checkRefSiblings(raw, allowed: is31 ? ["summary", "description"] : []) }
        guard raw.mapping != nil else { return }
        checkKeywords(raw, .response)
        if raw["description"] == nil {
            report(.responseDescription, "a response needs a 'description' (OpenAPI requires it); add one, even 'description: OK'", at: raw.location)
        }
        for (_, header) in raw["headers"]?.mapping ?? [] { checkHeader(header) }
        checkContent(raw["content"])
    }

    private func checkContent(_ content: YAMLNode?) {
        for (typeKey, media) in content?.mapping ?? [] {
            checkKeywords(media, .mediaType)
            let type = typeKey.scalar ?? ""
            checkSchemaAndExamples(media, owner: "'\(type)'", textual: !MediaContent(mediaType: type).isJSON)
        }
    }

    /// The object's `schema`, and its `example` and `examples` against that schema.
    private func checkSchemaAndExamples(_ node: YAMLNode, owner: String, textual: Bool) {
        guard let schema = node["schema"] else { return }
        checkSchema(schema)
        if let example = node["example"] {
            checkValue(example, against: schema, rule: .invalidExample, what: "the example of \(owner)", textual: textual)
        }
        for (nameKey, example) in node["examples"]?.mapping ?? [] {
            guard let resolved = resolve(example), let value = resolved["value"] else { continue }
            checkKeywords(resolved, .example)
            checkValue(value, against: schema, rule: .invalidExample, what: "example '\(nameKey.scalar ?? "")' of \(owner)", textual: textual)
        }
    }

    /// Reference objects: in 3.0 every sibling of `$ref` is ignored; in 3.1 only `allowed` ones mean something.
    func checkRefSiblings(_ node: YAMLNode, allowed: Set<String>, isSchema: Bool = false) {
        let ignored = (node.mapping ?? []).compactMap { pair in pair.key.scalar.map { ($0, pair.key.location) } }
            .filter { $0.0 != "$ref" && !$0.0.hasPrefix("x-") && !allowed.contains($0.0) }
        guard let first = ignored.first else { return }
        let names = ignored.map { "'\($0.0)'" }.joined(separator: ", ")
        let verb = ignored.count == 1 ? "is" : "are"
        let why =
            is31
            ? (isSchema ? "this generator reads only annotations there" : "3.1 reads only 'summary' and 'description' there")
            : "OpenAPI 3.0 ignores every key beside '$ref'"
        let fix =
            isSchema
            ? "write 'allOf: [{$ref: ...}, {\(ignored.map(\.0).joined(separator: ", ")): ...}]'"
            : "move \(ignored.count == 1 ? "it" : "them") into the referenced object"
        report(.refSiblings, "\(names) beside '$ref' \(verb) ignored (\(why)); \(fix)", at: first.1)
    }
}
