extension DocumentReader {
    func operations(globalSecurity: [SecurityRequirement], schemes: [SecurityScheme]) -> [Operation] {
        var result: [Operation] = []
        var idLocations: [String: SourceLocation] = [:]
        guard let pathsNode = root["paths"] else { return [] }
        guard let paths = pathsNode.mapping else {
            diagnostics.error("'paths' must be a mapping", at: pathsNode.location)
            return []
        }
        for (pathKey, rawItem) in paths {
            guard let path = pathKey.scalar else { continue }
            guard path.hasPrefix("/") else {
                diagnostics.error("path '\(path)' must start with '/'", at: pathKey.location)
                continue
            }
            guard let item = resolved(rawItem, kind: "pathItems") else { continue }
            let shared = parameters(item["parameters"])
            for (methodKey, opNode) in item.mapping ?? [] {
                guard let methodName = methodKey.scalar, let method = HTTPMethod(rawValue: methodName) else { continue }
                guard opNode.mapping != nil else {
                    diagnostics.error("operation '\(methodName) \(path)' must be a mapping", at: opNode.location)
                    continue
                }
                var params = shared
                for param in parameters(opNode["parameters"]) {
                    params.removeAll { $0.name == param.name && $0.location == param.location }
                    params.append(param)
                }
                checkTemplate(path, params, at: pathKey.location)
                let operationId: String
                if let id = string(opNode["operationId"], "operationId") {
                    operationId = id
                    if let first = idLocations[id] {
                        diagnostics.report(
                            .duplicateOperationId, "duplicate operationId '\(id)' (first used at line \(first.line))",
                            at: opNode["operationId"]!.location)
                        continue
                    }
                    idLocations[id] = opNode["operationId"]!.location
                } else {
                    operationId = Self.derivedOperationId(method, path)
                    diagnostics.report(
                        .operationIdMissing, "operation '\(methodName.uppercased()) \(path)' has no operationId; using '\(operationId)'",
                        at: methodKey.location)
                }
                let security = opNode["security"].map { securityRequirements($0, schemes: schemes) ?? [] } ?? globalSecurity
                result.append(
                    Operation(
                        operationId: operationId,
                        method: method,
                        path: path,
                        summary: opNode["summary"]?.scalar,
                        description: opNode["description"]?.scalar,
                        deprecated: opNode["deprecated"]?.bool ?? false,
                        parameters: params,
                        requestBody: opNode["requestBody"].flatMap(requestBody),
                        responses: responses(opNode["responses"], operation: opNode),
                        security: security,
                        location: methodKey.location,
                        tags: opNode["tags"]?.sequence?.compactMap(\.scalar) ?? []
                    ))
            }
        }
        return result
    }

    static func derivedOperationId(_ method: HTTPMethod, _ path: String) -> String {
        let words = path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return method.rawValue + words.joined()
    }

    /// Every `{name}` in the template is a declared path parameter, and every path parameter is in the template.
    private func checkTemplate(_ path: String, _ params: [Parameter], at location: SourceLocation) {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                diagnostics.error("path '\(path)' has an unclosed '{'", at: location)
                return
            }
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        let declared = params.filter { $0.location == .path }
        for name in names where !declared.contains(where: { $0.name == name }) {
            var message = "path template parameter '{\(name)}' in '\(path)' is not declared as a path parameter"
            if let near = nearestName(to: name, in: declared.map(\.name)) { message += "; did you mean '\(near)'?" }
            diagnostics.report(.pathTemplateUndeclared, message, at: location)
        }
        for param in declared where !names.contains(param.name) {
            diagnostics.report(
                .pathParamUnused, "path parameter '\(param.name)' does not appear in the path template '\(path)'", at: param.sourceLocation)
        }
    }

    func parameters(_ node: YAMLNode?) -> [Parameter] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.sequence else {
            diagnostics.error("'parameters' must be a list", at: node.location)
            return []
        }
        return items.compactMap { raw -> Parameter? in
            guard let item = resolved(raw, kind: "parameters") else { return nil }
            guard let name = string(item["name"], "name"), let place = string(item["in"], "in") else {
                diagnostics.error("a parameter needs 'name' and 'in'", at: item.location)
                return nil
            }
            guard let location = Parameter.Location(rawValue: place) else {
                var message = "unknown parameter location '\(place)'"
                if let near = nearestName(to: place, in: ["path", "query", "header", "cookie"]) { message += "; did you mean '\(near)'?" }
                diagnostics.error(message, at: item["in"]!.location)
                return nil
            }
            var schema: Schema
            if let schemaNode = item["schema"] {
                schema = self.schema(schemaNode)
            } else if let content = item["content"]?.mapping?.first {
                diagnostics.warning("parameter '\(name)' uses 'content'; it is read as a plain string", at: content.key.location)
                schema = Schema(location: item.location)
                schema.types = ["string"]
            } else {
                let legacy = ["type", "format", "items", "enum", "default", "minimum", "maximum"].filter { item[$0] != nil }
                let message =
                    legacy.isEmpty
                    ? "parameter '\(name)' has no schema; it is read as a string; add 'schema: {type: string}'"
                    : "parameter '\(name)' has \(legacy.map { "'\($0)'" }.joined(separator: ", ")) but no 'schema' (Swagger 2.0 style), so \(legacy.count == 1 ? "it is" : "they are") ignored and the value is read as a string; move \(legacy.count == 1 ? "it" : "them") under 'schema:', as 'schema: {\(legacy.map { "\($0): \(item[$0]?.scalar ?? "...")" }.joined(separator: ", "))}'"
                diagnostics.report(.parameterSchema, message, at: item.location)
                schema = Schema(location: item.location)
                schema.types = ["string"]
            }
            let required = item["required"]?.bool ?? false
            if location == .path && !required {
                diagnostics.report(
                    .pathParamRequired, "path parameter '\(name)' should have 'required: true'; it is treated as required", at: item.location)
            }
            return Parameter(
                name: name, location: location, required: required || location == .path,
                description: item["description"]?.scalar, schema: schema,
                style: item["style"]?.scalar, explode: item["explode"]?.bool, sourceLocation: item.location)
        }
    }

    func requestBody(_ raw: YAMLNode) -> RequestBody? {
        guard let node = resolved(raw, kind: "requestBodies") else { return nil }
        return RequestBody(
            componentName: componentName(raw, kind: "requestBodies"),
            required: node["required"]?.bool ?? false,
            description: node["description"]?.scalar,
            contents: contents(node["content"]),
            location: node.location)
    }

    func contents(_ node: YAMLNode?) -> [MediaContent] {
        (node?.mapping ?? []).compactMap { pair in
            guard let type = pair.key.scalar else { return nil }
            return MediaContent(mediaType: type, schema: pair.value["schema"].map(schema), location: pair.key.location)
        }
    }

    func responses(_ node: YAMLNode?, operation: YAMLNode) -> [Response] {
        guard let node, let pairs = node.mapping, !pairs.isEmpty else {
            diagnostics.error("an operation needs at least one response", at: node?.location ?? operation.location)
            return []
        }
        return pairs.compactMap { pair -> Response? in
            guard let status = pair.key.scalar else { return nil }
            let valid =
                status == "default"
                || (status.count == 3 && status.first.map { "12345".contains($0) } == true
                    && (status.dropFirst().allSatisfy(\.isNumber) || status.dropFirst() == "XX"))
            guard valid else {
                diagnostics.report(
                    .responseCode, "'\(status)' is not a response status; expected a code such as 200, a range such as 2XX, or 'default'",
                    at: pair.key.location)
                return nil
            }
            guard let item = resolved(pair.value, kind: "responses") else { return nil }
            var headers: [Header] = []
            for (nameNode, rawHeader) in item["headers"]?.mapping ?? [] {
                guard let name = nameNode.scalar, name.lowercased() != "content-type",
                    let header = resolved(rawHeader, kind: "headers")
                else { continue }
                let schema =
                    header["schema"].map(self.schema)
                    ?? {
                        let fallback = Schema(location: header.location)
                        fallback.types = ["string"]
                        return fallback
                    }()
                headers.append(
                    Header(
                        name: name, required: header["required"]?.bool ?? false, description: header["description"]?.scalar, schema: schema,
                        location: nameNode.location))
            }
            return Response(
                componentName: componentName(pair.value, kind: "responses"), status: status, description: item["description"]?.scalar,
                headers: headers, contents: contents(item["content"]), location: pair.key.location)
        }
    }

    /// `Name` when `node` is exactly `$ref: '#/components/<kind>/Name'`.
    func componentName(_ node: YAMLNode, kind: String) -> String? {
        let prefix = "#/components/\(kind)/"
        guard let ref = node["$ref"]?.scalar, ref.hasPrefix(prefix) else { return nil }
        let name = ref.dropFirst(prefix.count)
        return name.contains("/") ? nil : String(name)
    }

    func securitySchemes(_ node: YAMLNode?) -> [SecurityScheme] {
        (node?.mapping ?? []).compactMap { pair in
            guard let name = pair.key.scalar, let item = resolved(pair.value, kind: "securitySchemes") else { return nil }
            let type = item["type"]?.scalar ?? ""
            let kind: SecurityScheme.Kind
            switch type {
            case "http":
                switch (item["scheme"]?.scalar ?? "").lowercased() {
                case "bearer": kind = .httpBearer
                case "basic": kind = .httpBasic
                case let other: kind = .other("http \(other)")
                }
            case "apiKey":
                kind = .apiKey(in: item["in"]?.scalar ?? "header", name: item["name"]?.scalar ?? name)
            case "oauth2": kind = .oauth2
            case "openIdConnect": kind = .openIdConnect
            default:
                kind = .other(type)
            }
            if case .other(let what) = kind {
                diagnostics.warning(
                    "security scheme '\(name)' of type '\(what)' is not supported; operations that require it reject every request", at: item.location
                )
            }
            return SecurityScheme(name: name, kind: kind, description: item["description"]?.scalar, location: pair.key.location)
        }
    }

    func securityRequirements(_ node: YAMLNode?, schemes: [SecurityScheme]) -> [SecurityRequirement]? {
        guard let node else { return nil }
        guard let items = node.sequence else {
            diagnostics.error("'security' must be a list of requirements", at: node.location)
            return nil
        }
        return items.map { item in
            SecurityRequirement(
                schemes: (item.mapping ?? []).compactMap { pair in
                    guard let name = pair.key.scalar else { return nil }
                    guard schemes.contains(where: { $0.name == name }) else {
                        var message = "security requirement names unknown scheme '\(name)'"
                        if let near = suggestion(for: name, in: schemes.map(\.name)) { message += "; did you mean '\(near)'?" }
                        diagnostics.report(.undeclaredSecurityScheme, message, at: pair.key.location)
                        return nil
                    }
                    return name
                })
        }
    }
}
