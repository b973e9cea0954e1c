import OpenAPIModel

/// Operations -> what the client renderer needs: argument groups, request encodings, and one result member per
/// documented status. What a browser's `fetch` cannot send (cookies, other body encodings) is an error at its place.
struct OperationTranslator {
    let document: Document
    let schemas: SchemaTranslator
    let diagnostics: DiagnosticCollector
    let fileName: String

    func operations(reservedNames: Set<String>) -> [TSOperation] {
        var functionNames: Set<String> = []
        var typeNames = reservedNames
        return document.operations.map { operation in
            let function = TSNaming.unique(TSNaming.functionName(operation.operationId), &functionNames)
            let base = TSNaming.unique(function.prefix(1).uppercased() + function.dropFirst(), &typeNames)
            _ = TSNaming.unique(base + "Args", &typeNames)
            _ = TSNaming.unique(base + "Result", &typeNames)
            var result = TSOperation(
                functionName: function, typeBaseName: base, method: operation.method.rawValue.uppercased(), path: operation.path,
                parameters: operation.parameters.compactMap(parameter), body: nil, formBody: nil, formFunctionName: nil,
                responses: responses(operation), sendsBearer: sendsBearer(operation), doc: doc(operation))
            if let body = operation.requestBody { requestBodies(body, operation: operation, into: &result) }
            if result.formBody != nil {
                result.formFunctionName = TSNaming.unique(function + result.alternateSuffix, &functionNames)
            }
            return result
        }
    }

    private func doc(_ operation: Operation) -> [String] {
        var lines = [operation.summary, operation.description].compactMap { $0 }
        lines.append("`\(operation.method.rawValue.uppercased()) \(operation.path)` (operationId `\(operation.operationId)`)")
        lines.append("@remarks Generated from \(fileName):\(operation.location.line):\(operation.location.column).")
        if operation.deprecated { lines.append("@deprecated") }
        return lines
    }

    private func parameter(_ parameter: Parameter) -> TSParameter? {
        if parameter.location == .cookie {
            diagnostics.error(
                "cookie parameter '\(parameter.name)' cannot be sent by fetch in a browser; the TypeScript client does not support cookie parameters",
                at: parameter.sourceLocation)
            return nil
        }
        let isArray = parameter.schema.types.contains("array")
        let isObject = parameter.schema.types.contains("object") || !parameter.schema.properties.isEmpty || parameter.schema.ref != nil
        if parameter.location == .query, parameter.style == "deepObject", isObject {
            // Sent as `name[member]=value`, one pair per member (and per item of an array member).
            return TSParameter(
                name: parameter.name, location: parameter.location, required: parameter.required,
                type: schemas.type(parameter.schema), isArray: false,
                doc: [parameter.description].compactMap { $0 } + ["@style deepObject (sent as name[member]=value)"])
        }
        if parameter.location == .query, parameter.schema.types.contains("object") || !parameter.schema.properties.isEmpty {
            diagnostics.error(
                "query parameter '\(parameter.name)' is an object; the TypeScript client sends only scalars and arrays of scalars in the query",
                at: parameter.sourceLocation)
            return nil
        }
        var doc = [parameter.description].compactMap { $0 } + schemas.docs(parameter.schema)
        if let style = parameter.style, style != "form" && style != "simple" {
            doc.append("@style \(style) (sent as style form)")
        }
        return TSParameter(
            name: parameter.name, location: parameter.location, required: parameter.required,
            type: schemas.type(parameter.schema), isArray: isArray, doc: doc)
    }

    private func requestBodies(_ body: RequestBody, operation: Operation, into result: inout TSOperation) {
        func isForm(_ content: MediaContent) -> Bool {
            content.mediaType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        }
        let json = body.contents.first(where: \.isJSON)
        let form = body.contents.first(where: isForm)
        let multipart = body.contents.first { $0.mediaType.lowercased().hasPrefix("multipart/form-data") }
        func encoded(_ content: MediaContent, _ encoding: TSRequestBody.Encoding) -> TSRequestBody {
            TSRequestBody(encoding: encoding, type: content.schema.map(schemas.type) ?? .unknown, required: body.required)
        }
        // The first way is JSON, else the form, else multipart; the second, the next of them the spec offers.
        let ways = [(json, TSRequestBody.Encoding.json), (form, .form), (multipart, .multipart)].compactMap { content, encoding in
            content.map { (content: $0, encoding: encoding) }
        }
        guard let first = ways.first else {
            guard !body.contents.isEmpty else { return }
            let types = body.contents.map(\.mediaType).joined(separator: ", ")
            diagnostics.error(
                "request body of '\(operation.operationId)' offers only \(types); the TypeScript client sends application/json, application/x-www-form-urlencoded or multipart/form-data",
                at: body.location)
            return
        }
        result.body = encoded(first.content, first.encoding)
        if ways.count > 1 {
            result.formBody = encoded(ways[1].content, ways[1].encoding)
            result.alternateSuffix = ways[1].encoding == .form ? "Form" : "Multipart"
        }
    }

    private func responses(_ operation: Operation) -> [TSResponse] {
        let codes = operation.responses.compactMap { Int($0.status) }
        let ordered = operation.responses.filter { $0.status != "default" } + operation.responses.filter { $0.status == "default" }
        return ordered.map { response in
            let status: TSResponse.Status
            if let code = Int(response.status) {
                status = .code(code)
            } else if response.status == "default" {
                status = .otherwise
            } else {
                let hundreds = Int(String(response.status.prefix(1)))! * 100
                status = .range(response.status, (hundreds..<hundreds + 100).filter { !codes.contains($0) })
            }
            let json = response.contents.first(where: \.isJSON)
            let kind: TSResponse.BodyKind = json != nil ? .json : response.contents.isEmpty ? .none : .text
            let body: TSType =
                switch kind {
                case .json: json?.schema.map(schemas.type) ?? .unknown
                case .text: .string
                case .none: .undefined
                }
            return TSResponse(
                status: status, bodyKind: kind, body: body, headers: response.headers.map(header),
                doc: [response.description].compactMap { $0 })
        }
    }

    private func header(_ header: Header) -> TSHeader {
        let kind: TSHeader.Kind
        switch header.schema.types.first {
        case "integer": kind = .integer
        case "number": kind = .number
        case "boolean": kind = .boolean
        default: kind = .string
        }
        return TSHeader(
            name: header.name, kind: kind, required: header.required, type: schemas.type(header.schema),
            doc: [header.description].compactMap { $0 } + schemas.docs(header.schema))
    }

    /// True when some way to satisfy the operation's security uses a bearer token; other schemes are named once.
    private func sendsBearer(_ operation: Operation) -> Bool {
        let bearer = Set(document.securitySchemes.filter { $0.kind == .httpBearer }.map(\.name))
        var sends = false
        for requirement in operation.security {
            for scheme in requirement.schemes where !bearer.contains(scheme) {
                diagnostics.warning(
                    "operation '\(operation.operationId)' accepts security scheme '\(scheme)', which the TypeScript client does not send; it sends only bearer tokens",
                    at: operation.location)
            }
            if requirement.schemes.contains(where: bearer.contains) { sends = true }
        }
        return sends
    }
}
