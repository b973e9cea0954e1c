import Foundation
import HTTPTypes
import Hummingbird

/// What an authentication hook decides about a credential that was presented.
public enum Authentication<Principal: Sendable>: Sendable {
    case authenticated(Principal)
    /// The credential is not valid (bad signature, expired, unknown user): 401 "Could not validate credentials".
    case rejected
}

/// A security scheme as the generated routes name it.
public struct SecuritySchemeRef: Sendable {
    public enum Kind: Sendable {
        case bearer
        case basic
        case apiKey(in: String, name: String)
        case unsupported
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    var challenge: String? {
        switch kind {
        case .bearer: "Bearer"
        case .basic: "Basic"
        default: nil
        }
    }
}

/// What a generated `APIHandler` is when its spec has security schemes: one hook by scheme name (generated,
/// calling the handler's hook for that scheme), so routes pass the handler itself, not a closure each.
public protocol Authenticator: Sendable {
    /// What a successful authentication yields (for example the user), passed to secured operations.
    associatedtype Principal: Sendable
    func _authenticate(_ scheme: String, _ credential: String) async throws -> Authentication<Principal>
}

/// Evaluates an operation's security: alternatives (OR) of schemes that must all pass (AND).
public enum Security {
    /// The principal of the first satisfied alternative; 401 with `WWW-Authenticate` when none is.
    public static func require<A: Authenticator>(_ request: Request, _ alternatives: [[SecuritySchemeRef]], _ authenticator: A) async throws
        -> A.Principal
    {
        var rejected = false
        for alternative in alternatives {
            var principal: A.Principal?
            var satisfied = true
            for scheme in alternative {
                guard let credential = credential(request, scheme.kind) else {
                    satisfied = false
                    break
                }
                switch try await authenticator._authenticate(scheme.name, credential) {
                case .authenticated(let value):
                    if principal == nil { principal = value }
                case .rejected:
                    rejected = true
                    satisfied = false
                }
                if !satisfied { break }
            }
            if satisfied, let principal { return principal }
        }
        var headers = HTTPFields()
        if let challenge = alternatives.first?.first?.challenge { headers[.wwwAuthenticate] = challenge }
        throw APIProblem(status: 401, rejected ? "Could not validate credentials" : "Not authenticated", headers: headers)
    }

    /// For operations that also allow anonymous access: nil when no credential is presented at all.
    public static func optional<A: Authenticator>(_ request: Request, _ alternatives: [[SecuritySchemeRef]], _ authenticator: A) async throws
        -> A.Principal?
    {
        let presented = alternatives.contains { $0.contains { credential(request, $0.kind) != nil } }
        guard presented else { return nil }
        return try await require(request, alternatives, authenticator)
    }

    /// The credential a scheme reads from the request; the bearer and basic schemes are case-insensitive
    /// (RFC 7235), and a token in the query string is never read for them.
    public static func credential(_ request: Request, _ kind: SecuritySchemeRef.Kind) -> String? {
        switch kind {
        case .bearer, .basic:
            guard let header = request.headers[.authorization] else { return nil }
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2 else { return nil }
            let expected = kind.isBearer ? "bearer" : "basic"
            guard parts[0].lowercased() == expected else { return nil }
            let value = parts[1].trimmedWhitespace
            guard !value.isEmpty, !value.contains(" ") else { return nil }
            if kind.isBearer { return value }
            return Data(base64Encoded: value).flatMap { String(data: $0, encoding: .utf8) }
        case .apiKey(let place, let name):
            switch place {
            case "header": return HTTPField.Name(name).flatMap { request.headers[$0] }
            case "query": return request.uri.queryParameters.get(name)
            case "cookie": return request.cookies[name]?.value
            default: return nil
            }
        case .unsupported:
            return nil
        }
    }
}

extension SecuritySchemeRef.Kind {
    var isBearer: Bool {
        if case .bearer = self { return true }
        return false
    }
}
