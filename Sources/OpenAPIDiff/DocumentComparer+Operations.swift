extension DocumentComparer {
    // MARK: Security

    /// A scheme of the same name that now means another kind of credential breaks every operation that uses it.
    func compareSecuritySchemes() {
        for scheme in old.securitySchemes {
            guard let match = new.securitySchemes.first(where: { $0.name == scheme.name }), match.kind != scheme.kind else { continue }
            report(
                .breaking, "security scheme '\(scheme.name)'", "changed from \(Self.describe(scheme.kind)) to \(Self.describe(match.kind))",
                old: scheme.location, new: match.location)
        }
    }

    static func describe(_ kind: SecurityScheme.Kind) -> String {
        switch kind {
        case .httpBearer: "HTTP bearer"
        case .httpBasic: "HTTP basic"
        case .apiKey(let place, let name): "an API key in \(place) '\(name)'"
        case .oauth2: "OAuth 2"
        case .openIdConnect: "OpenID Connect"
        case .other(let what): what
        }
    }

    /// Every way a client could authenticate before must still be accepted: each old alternative must satisfy
    /// some new one (a new alternative that asks for no more schemes than the old one gave).
    func compareSecurity(_ oldOperation: Operation, _ newOperation: Operation) {
        let before = Self.alternatives(oldOperation.security)
        let after = Self.alternatives(newOperation.security)
        guard Set(before) != Set(after) else { return }
        let kept = before.allSatisfy { given in after.contains { $0.isSubset(of: given) } }
        let change = "security changed from \(Self.describe(before)) to \(Self.describe(after))"
        report(kept ? .additive : .breaking, Self.name(newOperation), change, old: oldOperation.location, new: newOperation.location)
    }

    /// No requirement at all means anonymous access, the same as one empty requirement.
    static func alternatives(_ requirements: [SecurityRequirement]) -> [Set<String>] {
        requirements.isEmpty ? [[]] : requirements.map { Set($0.schemes) }
    }

    static func describe(_ alternatives: [Set<String>]) -> String {
        alternatives.map { $0.isEmpty ? "none" : $0.sorted().joined(separator: " and ") }.joined(separator: " or ")
    }

    // MARK: Parameters

    /// Path parameters match by their place in the template (renaming one is invisible to clients); the others by
    /// where they go and their name (header names ignoring case).
    static func parameterKey(_ parameter: Parameter, in path: String) -> String {
        switch parameter.location {
        case .path: "path #\(pathNames(path).firstIndex(of: parameter.name) ?? -1)"
        case .header: "header \(parameter.name.lowercased())"
        default: "\(parameter.location.rawValue) \(parameter.name)"
        }
    }

    func compareParameters(_ oldOperation: Operation, _ newOperation: Operation) {
        let name = Self.name(newOperation)
        var newByKey: [String: Parameter] = [:]
        for parameter in newOperation.parameters { newByKey[Self.parameterKey(parameter, in: newOperation.path)] = parameter }
        var oldKeys: Set<String> = []
        for parameter in oldOperation.parameters {
            let key = Self.parameterKey(parameter, in: oldOperation.path)
            oldKeys.insert(key)
            let subject = "\(name) parameter '\(parameter.name)' (\(parameter.location.rawValue))"
            guard let match = newByKey[key] else {
                report(.breaking, subject, "parameter removed", old: parameter.sourceLocation, new: newOperation.location)
                continue
            }
            if parameter.required != match.required {
                report(
                    match.required ? .breaking : .additive, subject, match.required ? "became required" : "became optional",
                    old: parameter.sourceLocation, new: match.sourceLocation)
            }
            compare(parameter.schema, match.schema, .request, subject: subject, pointer: "")
        }
        for parameter in newOperation.parameters where !oldKeys.contains(Self.parameterKey(parameter, in: newOperation.path)) {
            let subject = "\(name) parameter '\(parameter.name)' (\(parameter.location.rawValue))"
            report(
                parameter.required ? .breaking : .additive, subject, parameter.required ? "new required parameter" : "new optional parameter",
                old: oldOperation.location, new: parameter.sourceLocation)
        }
    }

    // MARK: Bodies

    func compareRequestBody(_ oldOperation: Operation, _ newOperation: Operation) {
        let subject = "\(Self.name(newOperation)) request body"
        switch (oldOperation.requestBody, newOperation.requestBody) {
        case (nil, nil):
            return
        case (nil, let body?):
            report(
                body.required ? .breaking : .additive, subject, body.required ? "new required request body" : "new optional request body",
                old: oldOperation.location, new: body.location)
        case (let body?, nil):
            report(.breaking, subject, "request body removed", old: body.location, new: newOperation.location)
        case (let before?, let after?):
            if before.required != after.required {
                report(
                    after.required ? .breaking : .additive, subject, after.required ? "became required" : "became optional",
                    old: before.location, new: after.location)
            }
            compareContents(before.contents, after.contents, .request, subject: subject, parents: (before.location, after.location))
        }
    }

    /// Media types match ignoring case; a request may no longer be sent in a removed one, an answer may come in a new one.
    func compareContents(
        _ before: [MediaContent], _ after: [MediaContent], _ direction: Direction, subject: String,
        parents: (old: SourceLocation, new: SourceLocation)
    ) {
        for content in before {
            let label = content.isJSON && before.count == 1 ? subject : "\(subject) (\(content.mediaType))"
            guard let match = after.first(where: { $0.mediaType.lowercased() == content.mediaType.lowercased() }) else {
                report(.breaking, subject, "media type '\(content.mediaType)' removed", old: content.location, new: parents.new)
                continue
            }
            if let oldSchema = content.schema, let newSchema = match.schema {
                compare(oldSchema, newSchema, direction, subject: label, pointer: "")
            }
        }
        for content in after where !before.contains(where: { $0.mediaType.lowercased() == content.mediaType.lowercased() }) {
            report(.additive, subject, "media type '\(content.mediaType)' added", old: parents.old, new: content.location)
        }
    }

    // MARK: Responses

    func compareResponses(_ oldOperation: Operation, _ newOperation: Operation) {
        let name = Self.name(newOperation)
        for response in oldOperation.responses {
            let subject = "\(name) response \(response.status)"
            guard let match = newOperation.responses.first(where: { $0.status.uppercased() == response.status.uppercased() }) else {
                report(.breaking, subject, "status removed", old: response.location, new: newOperation.location)
                continue
            }
            compareHeaders(response, match, subject: subject)
            compareContents(response.contents, match.contents, .response, subject: subject, parents: (response.location, match.location))
        }
        for response in newOperation.responses
        where !oldOperation.responses.contains(where: { $0.status.uppercased() == response.status.uppercased() }) {
            report(.additive, "\(name) response \(response.status)", "status added", old: oldOperation.location, new: response.location)
        }
    }

    /// A header clients could count on (required) must stay and stay required.
    func compareHeaders(_ before: Response, _ after: Response, subject: String) {
        for header in before.headers {
            let label = "\(subject) header '\(header.name)'"
            guard let match = after.headers.first(where: { $0.name.lowercased() == header.name.lowercased() }) else {
                report(header.required ? .breaking : .additive, label, "header removed", old: header.location, new: after.location)
                continue
            }
            if header.required != match.required {
                report(
                    match.required ? .additive : .breaking, label, match.required ? "became required" : "became optional",
                    old: header.location, new: match.location)
            }
            compare(header.schema, match.schema, .response, subject: label, pointer: "")
        }
        for header in after.headers where !before.headers.contains(where: { $0.name.lowercased() == header.name.lowercased() }) {
            report(.additive, "\(subject) header '\(header.name)'", "header added", old: before.location, new: header.location)
        }
    }
}
