import OpenAPIModel

/// Prints `client.ts`: for each operation an argument type, a result union over its documented statuses, and a
/// method on `ApiClient` that sends the request and hands the status table to the runtime.
struct ClientRenderer {
    let operations: [TSOperation]
    let header: String

    func render() -> String {
        var w = TSWriter()
        w.line("import type * as S from \"./schemas.js\";")
        w.line()
        for operation in operations {
            renderTypes(operation, into: &w)
        }
        w.doc([
            "One method per operation of the spec. Each resolves to a union over the statuses the spec documents",
            "(narrow it on `status`), plus `Undocumented` for any other; it rejects only when the network fails or the",
            "answer breaks the contract (`ContractError`).",
        ])
        w.block("export class ApiClient") { w in
            w.line("private readonly transport: Transport;")
            w.line()
            w.block("constructor(options: ClientOptions)") { w in
                w.line("this.transport = new Transport(options);")
            }
            w.line()
            w.doc(["The bearer token sent from now on to operations that require one; `undefined` sends none."])
            w.block("setToken(token: string | undefined): void") { w in
                w.line("this.transport.token = token;")
            }
            for operation in operations {
                w.line()
                renderMethod(operation, name: operation.functionName, body: operation.body, into: &w)
                if let form = operation.formBody, let name = operation.formFunctionName {
                    w.line()
                    renderMethod(operation, name: name, body: form, into: &w)
                }
            }
        }
        w.line()
        w.doc(["A client for `options.baseUrl`."])
        w.block("export function createClient(options: ClientOptions): ApiClient") { w in
            w.line("return new ApiClient(options);")
        }
        w.line()
        return header + w.text + "\n" + ClientRuntime.text + "\n"
    }

    // MARK: Types

    private func argsName(_ operation: TSOperation, form: Bool) -> String {
        operation.typeBaseName + (form ? operation.alternateSuffix : "") + "Args"
    }

    private func argumentGroups(_ operation: TSOperation, body: TSRequestBody?) -> [TSProperty] {
        var groups: [TSProperty] = []
        for (location, key) in [(Parameter.Location.path, "path"), (.query, "query"), (.header, "headers")] {
            let parameters = operation.parameters.filter { $0.location == location }
            guard !parameters.isEmpty else { continue }
            let members = parameters.map { TSProperty(name: $0.name, type: $0.type, optional: !$0.required, doc: $0.doc) }
            groups.append(TSProperty(name: key, type: .object(members), optional: !parameters.contains(where: \.required)))
        }
        if let body {
            let doc = body.encoding == .form ? ["Sent as application/x-www-form-urlencoded."] : []
            groups.append(TSProperty(name: "body", type: body.type, optional: !body.required, doc: doc))
        }
        return groups
    }

    private func renderTypes(_ operation: TSOperation, into w: inout TSWriter) {
        let groups = argumentGroups(operation, body: operation.body)
        if !groups.isEmpty {
            w.typeAlias(argsName(operation, form: false), .object(groups), doc: ["What `\(operation.functionName)` sends."])
            w.line()
        }
        if let form = operation.formBody, let name = operation.formFunctionName {
            w.typeAlias(argsName(operation, form: true), .object(argumentGroups(operation, body: form)), doc: ["What `\(name)` sends."])
            w.line()
        }
        var members = operation.responses.map(resultMember)
        if !operation.responses.contains(where: { if case .otherwise = $0.status { true } else { false } }) {
            members.append(.named("Undocumented"))
        }
        w.typeAlias(operation.typeBaseName + "Result", .union(members), doc: ["What `\(operation.functionName)` resolves to, by status."])
        w.line()
    }

    private func resultMember(_ response: TSResponse) -> TSType {
        var members: [TSProperty] = []
        switch response.status {
        case .code(let code):
            members.append(TSProperty(name: "status", type: .literal(String(code)), optional: false, doc: response.doc))
        case .range(_, let codes):
            members.append(TSProperty(name: "status", type: .unionOf(codes.map { .literal(String($0)) }), optional: false, doc: response.doc))
        case .otherwise:
            members.append(TSProperty(name: "status", type: .literal("\"default\""), optional: false, doc: response.doc))
            members.append(TSProperty(name: "httpStatus", type: .number, optional: false))
        }
        members.append(TSProperty(name: "body", type: response.body, optional: false))
        let headers = response.headers.map { TSProperty(name: $0.name, type: $0.type, optional: !$0.required, doc: $0.doc) }
        members.append(TSProperty(name: "headers", type: .object(headers), optional: false))
        return .object(members)
    }

    // MARK: Methods

    private func renderMethod(_ operation: TSOperation, name: String, body: TSRequestBody?, into w: inout TSWriter) {
        let groups = argumentGroups(operation, body: body)
        let form = operation.formBody != nil && name == operation.formFunctionName
        var doc = operation.doc
        if form {
            doc.insert(
                body?.encoding == .multipart
                    ? "The same operation with its body sent as multipart/form-data."
                    : "The same operation with its body form-encoded (application/x-www-form-urlencoded).", at: 0)
        }
        w.doc(doc)
        let argsType = argsName(operation, form: form)
        let signature: String
        if groups.isEmpty {
            signature = "\(name)()"
        } else if groups.contains(where: { !$0.optional }) {
            signature = "\(name)(args: \(argsType))"
        } else {
            signature = "\(name)(args: \(argsType) = {})"
        }
        let result = operation.typeBaseName + "Result"
        w.block("async \(signature): Promise<\(result)>") { w in
            w.scope("const answer = await this.transport.send(", closing: ");") { w in
                w.scope("{", closing: "},") { w in renderRequest(operation, body: body, into: &w) }
                w.scope("[", closing: "],") { w in
                    for response in operation.responses { w.line(responseSpec(response)) }
                }
            }
            w.line("return answer as \(result);")
        }
    }

    private func renderRequest(_ operation: TSOperation, body: TSRequestBody?, into w: inout TSWriter) {
        w.line("method: \(TSNaming.literal(operation.method)),")
        w.line("path: \(pathExpression(operation)),")
        for (location, key) in [(Parameter.Location.query, "query"), (.header, "headers")] {
            let parameters = operation.parameters.filter { $0.location == location }
            guard !parameters.isEmpty else { continue }
            let access = "args.\(key)" + (parameters.contains(where: \.required) ? "" : "?.")
            let members = parameters.map { "\(TSNaming.literal($0.name)): \(access)[\(TSNaming.literal($0.name))]" }
            w.line("\(key): { \(members.joined(separator: ", ")) },")
        }
        w.line("bearer: \(operation.sendsBearer),")
        if let body { w.line("\(body.encoding.rawValue): args.body,") }
    }

    /// `{ status: 201, body: "json", headers: [["Idempotent-Replayed", "string", false]] },` for the runtime.
    private func responseSpec(_ response: TSResponse) -> String {
        let status: String
        switch response.status {
        case .code(let code): status = String(code)
        case .range(let text, _): status = TSNaming.literal(text)
        case .otherwise: status = TSNaming.literal("default")
        }
        let headers = response.headers.map { "[\(TSNaming.literal($0.name)), \(TSNaming.literal($0.kind.rawValue)), \($0.required)]" }
        return "{ status: \(status), body: \(TSNaming.literal(response.bodyKind.rawValue)), headers: [\(headers.joined(separator: ", "))] },"
    }

    private func pathExpression(_ operation: TSOperation) -> String {
        var parts: [String] = []
        var rest = Substring(operation.path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(TSNaming.literal(String(rest[..<open]))) }
            let name = String(rest[rest.index(after: open)..<close])
            parts.append("pathSegment(args.path[\(TSNaming.literal(name))])")
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty || parts.isEmpty { parts.append(TSNaming.literal(String(rest))) }
        return parts.joined(separator: " + ")
    }
}
