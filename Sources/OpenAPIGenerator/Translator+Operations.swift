import Foundation
import OpenAPIModel

extension Translator {
    /// The type of a component response's or request body's schema: declared once at the top level and reused.
    func shared(_ key: String?, _ schema: Schema, suggested: String?, local: () -> SwiftType) -> SwiftType {
        guard let key, let suggested, schema.ref == nil else { return local() }
        if let type = sharedTypes[key] { return type }
        var used = componentTypeNameSet.union(sharedDecls.map(\.name))
        let name = Naming.unique(suggested, &used)
        var nested: [Decl] = []
        let type = swiftType(schema, suggested: name, parent: nil, nested: &nested, pointer: "#/components/\(key)")
        sharedDecls.append(contentsOf: nested)
        sharedTypes[key] = type
        return type
    }

    /// JSON, form-encoded and multipart content are decoded into typed values; with none of them, the first media
    /// type is handed over as a `RawBody`. Other media types of the same body answer 415.
    func bodyDecl(_ requestBody: RequestBody, qualified: String, pointer: String, nested: inout [Decl]) -> OperationDecl.Body? {
        let json = requestBody.contents.first(where: \.isJSON)
        let form = requestBody.contents.first { $0.mediaType.lowercased().hasPrefix("application/x-www-form-urlencoded") }
        let multipart = requestBody.contents.first { $0.mediaType.lowercased().hasPrefix("multipart/form-data") }
        let several = [json, form, multipart].compactMap { $0 }.count > 1
        var variants: [OperationDecl.Body.Variant] = []
        for (content, kind) in [(json, OperationDecl.Body.Kind.json), (form, .form), (multipart, .multipart)] {
            guard let content else { continue }
            let suffix = several && kind != .json ? "/\(kind.rawValue)" : ""
            let key = requestBody.componentName.map { "requestBodies/\($0)" + suffix }
            let suggestedShared = requestBody.componentName.map {
                Naming.typeName($0) + (several && kind != .json ? Naming.typeName(kind.rawValue) : "") + "RequestBody"
            }
            let type =
                content.schema.map { schema in
                    shared(key, schema, suggested: suggestedShared) {
                        swiftType(
                            schema, suggested: several ? Naming.typeName(kind == .json ? "JSON" : kind.rawValue) + "Body" : "Body",
                            parent: qualified, nested: &nested, pointer: pointer + "/requestBody")
                    }
                } ?? .any
            var variant = OperationDecl.Body.Variant(kind: kind, type: type, caseName: kind.rawValue, arrayFields: [])
            if kind != .json, let schema = content.schema {
                let properties = formProperties(schema)
                variant.arrayFields = properties.filter { $0.schema.types == ["array"] }.map(\.name)
                if kind == .multipart {
                    // Files: `format: binary` strings, alone or as the items of an array; JSON: objects, alone or as items.
                    func isFile(_ schema: Schema) -> Bool { schema.types == ["string"] && schema.format == "binary" }
                    func isObject(_ schema: Schema) -> Bool { schema.types == ["object"] || (schema.types.isEmpty && !schema.properties.isEmpty) }
                    variant.fileFields = properties.filter { isFile($0.schema) || $0.schema.items.map { isFile(resolved($0)) } == true }.map(\.name)
                    variant.jsonFields = properties.filter { isObject($0.schema) || $0.schema.items.map { isObject(resolved($0)) } == true }.map(
                        \.name)
                }
            }
            variants.append(variant)
        }
        if variants.isEmpty, !requestBody.contents.isEmpty {
            variants.append(.init(kind: .raw, type: .named(Runtime.rawBody), caseName: "raw", arrayFields: []))
        }
        guard let first = variants.first else { return nil }
        var type = first.type
        var enumName: String?
        if variants.contains(where: { $0.type.spelling != first.type.spelling }) {
            var used = Set(nested.map(\.name))
            let name = Naming.unique("RequestBody", &used)
            enumName = name
            type = .named("\(qualified).\(name)")
        }
        return .init(type: type, variants: variants, enumName: enumName, required: requestBody.required, doc: [requestBody.description])
    }

    /// The wire names of a form schema's array properties (through `$ref` and `allOf`).
    func arrayProperties(_ schema: Schema) -> [String] {
        formProperties(schema).filter { $0.schema.types == ["array"] }.map(\.name)
    }

    /// A form or multipart schema's properties (through `$ref` and `allOf`), each schema with its `$ref`s followed.
    func formProperties(_ schema: Schema) -> [(name: String, schema: Schema)] {
        MergedObject(merging: resolved(schema), components: componentSchemas).properties.map { ($0.name, resolved($0.schema)) }
    }

    /// `schema` with its `$ref`s followed (at most 32 deep).
    func resolved(_ schema: Schema) -> Schema {
        var resolved = schema
        for _ in 0..<32 {
            guard let ref = resolved.ref, let target = componentSchemas[ref] else { break }
            resolved = target
        }
        return resolved
    }

    func operationDecls() -> [OperationDecl] {
        var usedTypes = componentTypeNameSet
        var usedMethods: Set<String> = ["registerRoutes"]
        return document.operations.map { op in
            let typeName = Naming.unique(Naming.typeName(op.operationId), &usedTypes)
            let methodName = Naming.unique(Naming.memberName(op.operationId), &usedMethods)
            let qualified = "Operations.\(typeName)"
            let pointer =
                "#/paths/\(op.path.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1"))/\(op.method.rawValue)"
            var nested: [Decl] = []
            var usedMembers: Set<String> = []
            var params: [OperationDecl.Param] = []
            // Parameters and the body are what requests carry; the responses below are the other side.
            direction = .request
            defer { direction = .response }
            for param in op.parameters {
                if let decl = paramDecl(param, qualified: qualified, pointer: pointer, nested: &nested, usedMembers: &usedMembers) {
                    params.append(decl)
                }
            }
            let body = op.requestBody.flatMap { bodyDecl($0, qualified: qualified, pointer: pointer, nested: &nested) }
            direction = .response
            var outputs: [OperationDecl.OutputCase] = []
            var usedCases: Set<String> = []
            for response in op.responses {
                outputs.append(outputCase(response, qualified: qualified, pointer: pointer, nested: &nested, usedCases: &usedCases))
            }
            let schemes = document.securitySchemes
            let alternatives = op.security.map { requirement in requirement.schemes.compactMap { name in schemes.first { $0.name == name } } }
            return OperationDecl(
                operation: op, typeName: typeName, methodName: methodName, params: params, body: body, outputs: outputs,
                nested: nested, security: alternatives.filter { !$0.isEmpty },
                allowsAnonymous: alternatives.contains { $0.isEmpty })
        }
    }

    /// One parameter as the handler's Input has it; nil for what is not read (cookies, with a warning).
    func paramDecl(
        _ param: Parameter, qualified: String, pointer: String, nested: inout [Decl], usedMembers: inout Set<String>
    ) -> OperationDecl.Param? {
        if param.location == .cookie {
            diagnostics.warning("cookie parameter '\(param.name)' is not supported; it is not read", at: param.sourceLocation)
            return nil
        }
        var type = swiftType(
            param.schema, suggested: Naming.typeName(param.name), parent: qualified, nested: &nested,
            pointer: pointer + "/parameters/\(param.name)")
        var delimiter: String?
        var isArray = false
        var deepObjectArrays: [String]?
        if param.style == "deepObject" {
            switch (param.location, type.nonNull) {
            case (.query, .named), (.query, .dictionary):
                // Each member is its own query key, `name[member]`; the object is decoded as a form's is.
                deepObjectArrays = arrayProperties(param.schema)
            case (.query, _):
                diagnostics.warning(
                    "parameter '\(param.name)' has style 'deepObject' but its schema is not an object; the style is ignored; give it 'type: object' with 'properties'",
                    at: param.sourceLocation)
            default:
                diagnostics.warning(
                    "style 'deepObject' applies to query parameters only; '\(param.name)' is in \(param.location.rawValue), so the style is ignored",
                    at: param.sourceLocation)
            }
        }
        if deepObjectArrays != nil {
            // Read as an object of its own members (above).
        } else if case .array = type.nonNull {
            isArray = true
            switch param.style ?? (param.location == .query ? "form" : "simple") {
            case "form": delimiter = (param.explode ?? true) ? nil : ","
            case "simple": delimiter = ","
            case "spaceDelimited": delimiter = " "
            case "pipeDelimited": delimiter = "|"
            default:
                diagnostics.warning(
                    "parameter style '\(param.style ?? "")' is not supported; values are read as 'form'", at: param.sourceLocation)
            }
        } else if case .dictionary = type.nonNull {
            diagnostics.warning("object parameter '\(param.name)' is not supported; it is read as a JSON value", at: param.sourceLocation)
            type = .any
        }
        var presence: PropertyDecl.Presence = param.required ? .required : .optional
        if !param.required, let value = param.schema.defaultValue, let literal = literal(value, for: type) {
            presence = .defaulted(literal)
        }
        if !param.required { type = type.nonNull }
        return OperationDecl.Param(
            swiftName: Naming.unique(Naming.memberName(param.name), &usedMembers), wireName: param.name,
            location: param.location, type: type, presence: presence,
            doc: [param.description], delimiter: delimiter, isArray: isArray, deepObjectArrays: deepObjectArrays)
    }

    /// One documented response as a case of the operation's Output, with its body type and headers.
    func outputCase(
        _ response: Response, qualified: String, pointer: String, nested: inout [Decl], usedCases: inout Set<String>
    ) -> OperationDecl.OutputCase {
        let caseName = Naming.unique(StatusNames.caseName(response.status), &usedCases)
        var payload: (type: SwiftType, contentType: String, isJSON: Bool)?
        if let content = response.contents.first(where: \.isJSON) ?? response.contents.first {
            if content.isJSON {
                let type =
                    content.schema.map { schema in
                        shared(
                            response.componentName.map { "responses/\($0)" }, schema,
                            suggested: response.componentName.map { Naming.typeName($0) + "Response" }
                        ) {
                            swiftType(
                                schema, suggested: Naming.typeName(caseName) + "Body", parent: qualified, nested: &nested,
                                pointer: pointer + "/responses/\(response.status)")
                        }
                    } ?? .any
                payload = (type, content.mediaType, true)
            } else {
                payload = (.named(Runtime.rawBody), content.mediaType, false)
            }
        }
        var headerDecls: [PropertyDecl] = []
        var usedHeaderNames: Set<String> = []
        for header in response.headers {
            var type = swiftType(
                header.schema, suggested: Naming.typeName(header.name), parent: qualified, nested: &nested,
                pointer: pointer + "/responses/\(response.status)/headers/\(header.name)")
            if !header.required { type = type.nonNull }
            headerDecls.append(
                PropertyDecl(
                    swiftName: Naming.unique(Naming.memberName(header.name), &usedHeaderNames), wireName: header.name, type: type,
                    presence: header.required ? .required : .optional, writeOnly: false, doc: [header.description]))
        }
        return OperationDecl.OutputCase(
            caseName: caseName, status: response.status, body: payload, headers: headerDecls,
            headersTypeName: headerDecls.isEmpty ? nil : Naming.typeName(caseName) + "Headers", doc: [response.description])
    }
}
