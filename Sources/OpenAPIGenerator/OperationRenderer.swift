import OpenAPIModel

/// Writes each operation's namespace (`Operations.X`: input, output, inline types) and the server side:
/// the handler protocol, the response encoding and the route registration on a Hummingbird router.
struct OperationRenderer {
    let operations: [OperationDecl]
    let schemes: [SecurityScheme]
    let remark: (Origin) -> String
    /// The schemes some operation requires, in the spec's order.
    let usedSchemes: [SecurityScheme]
    /// Each distinct list of security alternatives (as its Swift literal), spelled once as `Operations.securityN`:
    /// routes name it instead of building the same nested array literal on every request.
    let securityLists: [String]

    init(operations: [OperationDecl], schemes: [SecurityScheme], remark: @escaping (Origin) -> String) {
        self.operations = operations
        self.schemes = schemes
        self.remark = remark
        usedSchemes = schemes.filter { scheme in operations.contains { $0.security.contains { $0.contains { $0.name == scheme.name } } } }
        var lists: [String] = []
        for op in operations where !op.security.isEmpty {
            let literal = Self.securityLiteral(op)
            if !lists.contains(literal) { lists.append(literal) }
        }
        securityLists = lists
    }

    func title(_ op: OperationDecl) -> String {
        "`\(op.operation.method.rawValue.uppercased()) \(op.operation.path)` (operationId `\(op.operation.operationId)`)"
    }

    func principalType(_ op: OperationDecl) -> String? {
        guard !op.security.isEmpty else { return nil }
        return op.allowsAnonymous ? "Principal?" : "Principal"
    }

    // MARK: One operation, whole

    /// Everything of one operation, in one piece of text the generator can place in any `Types` file: its
    /// namespace (`Operations.X`: input, output, inline types), the encoding of its output, and its route.
    func renderOperation(_ op: OperationDecl, into w: inout CodeWriter) {
        w.block("extension Operations") { w in
            w.doc([
                op.operation.summary, op.operation.description, title(op),
                remark(Origin(pointer: "#/paths/\(op.operation.path)/\(op.operation.method.rawValue)", location: op.operation.location)),
            ])
            w.block("public enum \(op.typeName)") { w in renderNamespace(op, into: &w) }
        }
        w.line()
        renderEncoder(op, into: &w)
        if op.body != nil || !op.params.isEmpty {
            w.line()
            renderInputReader(op, into: &w)
        }
        w.line()
        w.block("extension APIHandler") { w in renderRoute(op, into: &w) }
    }

    private func renderNamespace(_ op: OperationDecl, into w: inout CodeWriter) {
        w.line("public static let operationId = \(Naming.literal(op.operation.operationId))")
        var inputParts: [(name: String, type: String, defaultValue: String?)] = []
        for location in [Parameter.Location.path, .query, .header] {
            let params = op.params.filter { $0.location == location }
            guard !params.isEmpty else { continue }
            let typeName = location.rawValue.prefix(1).uppercased() + location.rawValue.dropFirst() + (location == .header ? "s" : "")
            inputParts.append((location == .header ? "headers" : location.rawValue, typeName, nil))
            w.line()
            w.line("/// The \(location.rawValue) parameters.")
            let properties = params.map {
                PropertyDecl(swiftName: $0.swiftName, wireName: $0.wireName, type: $0.type, presence: $0.presence, writeOnly: false, doc: $0.doc)
            }
            renderPlainType(typeName, properties, requestPart: true, into: &w)
        }
        if let body = op.body {
            inputParts.append(("body", body.required ? body.type.spelling : body.type.nonNull.spelling + "?", body.required ? nil : "nil"))
        }
        w.line()
        w.line("/// Everything the handler gets from the request, decoded and validated; read-only, like its parts.")
        w.block("public final class Input: Sendable") { w in
            for part in inputParts { w.line("public let \(part.name): \(part.type)") }
            let params = inputParts.map { "\($0.name): \($0.type)" + ($0.defaultValue.map { " = \($0)" } ?? "") }
            w.block("public init(\(params.joined(separator: ", ")))") { w in
                for part in inputParts { w.line("self.\(part.name) = \(part.name)") }
            }
        }
        for output in op.outputs {
            if let headersType = output.headersTypeName {
                w.line()
                w.line("/// Headers of the `\(output.status)` response.")
                renderPlainType(headersType, output.headers, requestPart: false, into: &w)
            }
        }
        w.line()
        w.line("/// The documented responses; a handler can return no other.")
        // Indirect: each case holds a pointer to its payload, so the enum's copy and destroy code is a fraction of
        // a by-value enum's, at the cost of one allocation per response. Its `==` is `OperationOutput`'s (the same
        // on the wire), not one synthesized per operation: with both, 09-spotify's operations compile to a third
        // less machine code.
        let hasPayload = op.outputs.contains { $0.body != nil || $0.headersTypeName != nil || $0.status.hasSuffix("XX") || $0.status == "default" }
        w.block("public \(hasPayload ? "indirect " : "")enum Output: \(Runtime.operationOutput)") { w in
            for output in op.outputs {
                var fields: [String] = []
                if output.status.hasSuffix("XX") || output.status == "default" { fields.append("statusCode: Int") }
                if let body = output.body { fields.append(body.type.spelling) }
                if let headersType = output.headersTypeName { fields.append("headers: \(headersType)") }
                w.doc(["`\(output.status)`: " + (output.doc.compactMap { $0 }.first ?? "")])
                w.line("case \(Naming.escaped(output.caseName))" + (fields.isEmpty ? "" : "(\(fields.joined(separator: ", ")))"))
            }
        }
        if let body = op.body, let enumName = body.enumName {
            w.line()
            w.line("/// The request body, as whichever of its media types the client sent.")
            w.block("public enum \(enumName): Sendable") { w in
                for variant in body.variants {
                    w.doc([
                        "Sent as `\(variant.kind == .json ? "application/json" : variant.kind == .form ? "application/x-www-form-urlencoded" : variant.kind == .multipart ? "multipart/form-data" : "another media type")`."
                    ])
                    w.line("case \(Naming.escaped(variant.caseName))(\(variant.type.spelling))")
                }
            }
        }
        for decl in op.nested {
            w.line()
            SchemaRenderer.render(decl, remark: remark, into: &w)
        }
    }

    /// Request parts and response headers are only `Sendable` (less code for large specs): outputs compare by
    /// what they encode to. Request parts (and `Input`) are final classes of constants: the handler reads them and
    /// never changes them, and a class needs none of the copy, destroy and optional-tag code the compiler writes for
    /// every struct (a tenth of 09-spotify's code). Response headers are built by the handler: structs.
    private func renderPlainType(_ name: String, _ properties: [PropertyDecl], requestPart: Bool, into w: inout CodeWriter) {
        w.block(requestPart ? "public final class \(name): Sendable" : "public struct \(name): Sendable") { w in
            for p in properties {
                w.doc(p.doc)
                w.line("public \(requestPart ? "let" : "var") \(Naming.escaped(p.swiftName)): \(p.declaredType)")
            }
            let params = properties.map { "\(Naming.escaped($0.swiftName)): \($0.declaredType)" + ($0.initDefault.map { " = \($0)" } ?? "") }
            w.block("public init(\(params.joined(separator: ", ")))") { w in
                for p in properties { w.line("self.\(Naming.escaped(p.swiftName)) = \(Naming.escaped(p.swiftName))") }
            }
        }
    }
}
