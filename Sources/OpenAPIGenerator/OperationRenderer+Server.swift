import OpenAPIModel

extension OperationRenderer {
    func authenticatorName(_ scheme: SecurityScheme) -> String {
        "authenticate" + Naming.typeName(scheme.name)
    }

    static func schemeKind(_ scheme: SecurityScheme) -> String {
        switch scheme.kind {
        case .httpBearer, .oauth2, .openIdConnect: ".bearer"
        case .httpBasic: ".basic"
        case .apiKey(let place, let name): ".apiKey(in: \(Naming.literal(place)), name: \(Naming.literal(name)))"
        case .other: ".unsupported"
        }
    }

    // MARK: Server.swift

    func renderServer(into w: inout CodeWriter) {
        w.line("/// What the hand-written server implements: one method per operation, and one hook per security scheme.")
        w.line("/// A method's signature follows the spec, so a spec change that a handler no longer matches fails to compile.")
        // With security schemes, the handler is an `Authenticator` (its `Principal`, and `_authenticate` below). An
        // operation's security names declared schemes only (an unknown one is an error), so every secured operation
        // has its schemes among these.
        w.block("public protocol APIHandler: \(usedSchemes.isEmpty ? "Sendable" : Runtime.authenticator)") { w in
            for scheme in usedSchemes {
                w.line()
                w.doc([
                    scheme.description,
                    "Security scheme `\(scheme.name)`: check the credential and return the principal, or why it is refused (401).",
                ])
                w.line("func \(authenticatorName(scheme))(_ credential: String) async throws -> \(Runtime.authentication)<Principal>")
            }
            for (index, op) in operations.enumerated() {
                if index > 0 || !usedSchemes.isEmpty { w.line() }
                w.doc([op.operation.summary, title(op)])
                let principal = principalType(op).map { ", principal: \($0)" } ?? ""
                w.line(
                    "func \(Naming.escaped(op.methodName))(_ input: Operations.\(op.typeName).Input\(principal)) async throws -> Operations.\(op.typeName).Output"
                )
            }
        }
        w.line()
        w.line("/// One namespace per operation of the spec.")
        w.line("public enum Operations {}")
        w.line()
        let lists = securityLists
        if !lists.isEmpty {
            w.block("extension Operations") { w in
                w.line("/// The operations' lists of security alternatives, each spelled once.")
                for (index, list) in lists.enumerated() {
                    w.line("static let security\(index + 1): [[\(Runtime.securitySchemeRef)]] = \(list)")
                }
            }
            w.line()
        }
        renderRegistration(into: &w)
    }

    private func renderRegistration(into w: inout CodeWriter) {
        w.block("extension APIHandler") { w in
            w.line("/// Registers every operation on `router`: parameters are converted, the body decoded and validated,")
            w.line("/// security checked, the handler called and its output encoded. Unknown paths answer 404 and other")
            w.line("/// methods on a known path 405 with `Allow`, all with JSON bodies. Add your own middleware first.")
            w.block("public func registerRoutes<Context: RequestContext>(on router: Router<Context>)") { w in
                w.line("router.add(middleware: \(Runtime.errorMiddleware)<Context>())")
                var paths: [(path: String, methods: [String])] = []
                for op in operations {
                    let path = op.operation.path
                    let method = op.operation.method.rawValue.uppercased()
                    if let index = paths.firstIndex(where: { $0.path == path }) {
                        paths[index].methods.append(method)
                    } else {
                        paths.append((path, [method]))
                    }
                    w.line("self._\(op.methodName)(on: router)")
                }
                for entry in paths {
                    let methods = entry.methods.map(Naming.literal).joined(separator: ", ")
                    w.line("\(Runtime.route).methodNotAllowed(on: router, path: \(Naming.literal(entry.path)), allowed: [\(methods)])")
                }
            }
            if !usedSchemes.isEmpty {
                w.line()
                w.line("/// The hook of a security scheme, by its name (`Authenticator`): routes pass the handler to `Security`, rather")
                w.line("/// than a closure of their own each.")
                w.block("public func _authenticate(_ scheme: String, _ credential: String) async throws -> \(Runtime.authentication)<Principal>") {
                    w in
                    w.switchBlock("scheme") { w in
                        for scheme in usedSchemes {
                            w.line("case \(Naming.literal(scheme.name)): return try await self.\(authenticatorName(scheme))(credential)")
                        }
                        w.line("default: return .rejected")
                    }
                }
            }
        }
    }

    static func securityLiteral(_ op: OperationDecl) -> String {
        let alternatives = op.security.map { requirement in
            "[" + requirement.map { ".init(name: \(Naming.literal($0.name)), kind: \(Self.schemeKind($0)))" }.joined(separator: ", ") + "]"
        }
        return "[\(alternatives.joined(separator: ", "))]"
    }

    /// The route: where the operation is served, its security, how its input is read, and the one call that awaits
    /// the handler. `Router.on` (APIRuntime) takes every other step, once for all operations: the closure below is
    /// the operation's only `async` code (the compiler splits such code at every `await`).
    func renderRoute(_ op: OperationDecl, into w: inout CodeWriter) {
        w.block("func _\(op.methodName)<Context: RequestContext>(on router: Router<Context>)") { w in
            let path = Naming.literal(op.operation.path)
            let endpoint = "\(Runtime.endpoint)(\(path), .\(op.operation.method.rawValue)\(op.body == nil ? "" : ", readsBody: true"))"
            var arguments = [endpoint]
            if !op.security.isEmpty {
                let index = (securityLists.firstIndex(of: Self.securityLiteral(op)) ?? 0) + 1
                arguments.append("\(op.allowsAnonymous ? "optionalSecurity" : "security"): Operations.security\(index)")
            }
            arguments.append("self")
            let input = "Operations.\(op.typeName).Input"
            arguments.append(op.body == nil && op.params.isEmpty ? "read: { _ in \(input)() }" : "read: \(input).init")
            let call = "try await h.\(Naming.escaped(op.methodName))(input\(op.security.isEmpty ? "" : ", principal: principal"))"
            w.line("router.on(\(arguments.joined(separator: ", "))) { h, input\(op.security.isEmpty ? "" : ", principal") in")
            w.line("    \(call)")
            w.line("}")
        }
    }

    /// For an operation with parameters or a body: the input's initializer from the request's parts, synchronous.
    func renderInputReader(_ op: OperationDecl, into w: inout CodeWriter) {
        w.block("extension Operations.\(op.typeName).Input") { w in
            w.line(
                op.body == nil
                    ? "/// The parameters of `parts`, converted and validated; a `ValidationFailure` (422) lists every fault."
                    : "/// The parameters and body of `parts`, converted and validated; a `ValidationFailure` (422) lists every fault.")
            w.block("convenience init(_ parts: \(Runtime.requestParts)) throws") { w in
                renderDecoding(op, body: op.body.map { bodyDecoding($0, of: op) }, into: &w)
                w.line("self.init(\(inputArguments(op)))")
            }
        }
    }

    /// Reads every parameter, then the body (the expression `body`, when there is one), into one `DecodeContext`,
    /// and throws its 422 when any failed; leaves one `_location_name` value per parameter and `_body`.
    private func renderDecoding(_ op: OperationDecl, body: String?, into w: inout CodeWriter) {
        w.line("var ctx = \(Runtime.decodeContext)(parameters: true)")
        var names = renderParameterDecoding(op, into: &w)
        if let body {
            w.line("let _body = \(body)")
            names.append("_body")
        }
        w.line("try ctx.check()")
        w.line("guard \(names.map { "let \($0)" }.joined(separator: ", ")) else { throw ctx.failure }")
    }

    private func inputArguments(_ op: OperationDecl) -> String {
        var parts: [String] = []
        for location in [Parameter.Location.path, .query, .header] {
            let params = op.params.filter { $0.location == location }
            guard !params.isEmpty else { continue }
            let args = params.map { "\($0.swiftName): _\(location.rawValue)_\($0.swiftName)" }.joined(separator: ", ")
            parts.append("\(location == .header ? "headers" : location.rawValue): .init(\(args))")
        }
        if op.body != nil { parts.append("body: _body") }
        return parts.joined(separator: ", ")
    }

    /// The lines that read the parameters, one source object per location, then one checked value per parameter;
    /// returns the names of those values.
    private func renderParameterDecoding(_ op: OperationDecl, into w: inout CodeWriter) -> [String] {
        var names: [String] = []
        for location in [Parameter.Location.path, .query, .header] {
            let params = op.params.filter { $0.location == location }
            guard !params.isEmpty else { continue }
            let source: String
            switch location {
            case .path:
                source = "\(Runtime.route).pathParameters(parts, [\(params.map { Naming.literal($0.wireName) }.joined(separator: ", "))])"
            case .query:
                let specs = params.filter { $0.deepObjectArrays == nil }.map {
                    "(\(Naming.literal($0.wireName)), \($0.isArray), \($0.delimiter.map(Naming.literal) ?? "nil"))"
                }
                let deepObjects = params.compactMap { p in
                    p.deepObjectArrays.map { "(\(Naming.literal(p.wireName)), [\($0.map(Naming.literal).joined(separator: ", "))])" }
                }
                source =
                    deepObjects.isEmpty
                    ? "\(Runtime.route).queryParameters(parts, [\(specs.joined(separator: ", "))])"
                    : "\(Runtime.route).queryParameters(parts, [\(specs.joined(separator: ", "))], deepObjects: [\(deepObjects.joined(separator: ", "))])"
            default:
                source = "\(Runtime.route).headerParameters(parts, [\(params.map { Naming.literal($0.wireName) }.joined(separator: ", "))])"
            }
            let objectName = "\(location.rawValue)Values"
            w.line("let \(objectName) = \(source)")
            for p in params {
                let key = Naming.literal(p.wireName)
                let loc = "\(Runtime.route).in\(location == .path ? "Path" : location == .query ? "Query" : "Header")"
                let call: String
                switch p.presence {
                case .required: call = SwiftType.memberCheck("required", object: objectName, key: key, loc: loc, type: p.type)
                case .defaulted(let literal):
                    call = SwiftType.memberCheck("defaulted", object: objectName, key: key, defaultValue: literal.rendered, loc: loc, type: p.type)
                case .optional, .field: call = SwiftType.memberCheck("optional", object: objectName, key: key, loc: loc, type: p.type.nonNull)
                }
                let name = "_\(location.rawValue)_\(p.swiftName)"
                names.append(name)
                w.line("let \(name) = \(call)")
            }
        }
        return names
    }

    /// The expression that reads and decodes the body: JSON, raw, or negotiated between JSON, a form and multipart.
    private func bodyDecoding(_ body: OperationDecl.Body, of op: OperationDecl) -> String {
        let decode: String
        if body.isSingleJSON {
            let function = body.required ? "jsonBody" : "optionalJSONBody"
            decode =
                "try \(Runtime.route).\(function)(parts, &ctx) { v, loc, ctx in \(body.type.nonNull.decode("v", "loc")) }"
        } else if body.variants.count == 1, body.variants[0].kind == .raw {
            decode = "\(Runtime.route).\(body.required ? "rawBody" : "optionalRawBody")(parts, &ctx)"
        } else {
            // JSON and/or a form: the Content-Type picks the decoder; each yields the Input's body type.
            var arguments = ["parts", "&ctx"]
            for variant in body.variants {
                var value = variant.type.nonNull.decode("v", "loc")
                if let enumName = body.enumName {
                    value += ".map { Operations.\(op.typeName).\(enumName).\(Naming.escaped(variant.caseName))($0) }"
                }
                let closure = "{ v, loc, ctx in \(value) }"
                switch variant.kind {
                case .json: arguments.append("json: \(closure)")
                case .form:
                    arguments.append(
                        "form: .init(arrayFields: [\(variant.arrayFields.map(Naming.literal).joined(separator: ", "))], decode: \(closure))")
                case .multipart:
                    let fields = [variant.arrayFields, variant.fileFields, variant.jsonFields].map {
                        "[\($0.map(Naming.literal).joined(separator: ", "))]"
                    }
                    arguments.append(
                        "multipart: .init(arrayFields: \(fields[0]), fileFields: \(fields[1]), jsonFields: \(fields[2]), decode: \(closure))")
                case .raw: break
                }
            }
            decode =
                "try \(Runtime.route).\(body.required ? "negotiatedBody" : "optionalNegotiatedBody")(\(arguments.joined(separator: ", ")))"
        }
        return decode
    }

    func renderEncoder(_ op: OperationDecl, into w: inout CodeWriter) {
        w.block("extension Operations.\(op.typeName).Output") { w in
            w.line("/// This output as data: its status, headers and encoded body (`response()` makes it a `Response`).")
            w.block("public func encoded() -> \(Runtime.encodedResponse)") { w in
                w.switchBlock("self") { w in
                    for output in op.outputs {
                        var bindings: [String] = []
                        let ranged = output.status.hasSuffix("XX") || output.status == "default"
                        if ranged { bindings.append("let statusCode") }
                        if output.body != nil { bindings.append("let body") }
                        if output.headersTypeName != nil { bindings.append("let headers") }
                        let pattern = ".\(Naming.escaped(output.caseName))" + (bindings.isEmpty ? "" : "(\(bindings.joined(separator: ", ")))")
                        w.line("case \(pattern):")
                        let status = ranged ? "statusCode" : output.status
                        var headerArg = ""
                        if !output.headers.isEmpty {
                            w.line("    var fields = HTTPFields()")
                            for header in output.headers {
                                w.line(
                                    "    \(Runtime.respond).header(&fields, \(Naming.literal(header.wireName)), headers.\(Naming.escaped(header.swiftName)))"
                                )
                            }
                            headerArg = ", headers: fields"
                        }
                        if let body = output.body {
                            if body.isJSON {
                                w.line(
                                    "    return \(Runtime.respond).json(\(status), body, contentType: \(Naming.literal(body.contentType))\(headerArg))"
                                )
                            } else {
                                w.line("    return \(Runtime.respond).raw(\(status), body\(headerArg))")
                            }
                        } else {
                            w.line("    return \(Runtime.respond).empty(\(status)\(headerArg))")
                        }
                    }
                }
            }
        }
    }
}
