import HTTPTypes
import Hummingbird

/// What an operation's input reader reads, all of it already received: the request, the path's parameters, and
/// the body (empty for an operation that declares none). Readers are synchronous; the waiting is done before.
public struct RequestParts: Sendable {
    public let request: Request
    public let parameters: Parameters
    public let body: ByteBuffer

    public init(request: Request, parameters: Parameters, body: ByteBuffer = ByteBuffer()) {
        self.request = request
        self.parameters = parameters
        self.body = body
    }

    /// Receives the body when `readsBody` (up to the context's `maxUploadSize`: 413 beyond it).
    static func receive<Context: RequestContext>(_ request: Request, _ context: Context, readsBody: Bool) async throws -> RequestParts {
        guard readsBody else { return RequestParts(request: request, parameters: context.parameters) }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return RequestParts(request: request, parameters: context.parameters, body: body)
    }
}

/// Where an operation is served: its path (with `{name}` parameters), its method, and whether it reads a body.
public struct Endpoint: Sendable {
    public let path: String
    public let method: HTTPRequest.Method
    public let readsBody: Bool

    public init(_ path: String, _ method: HTTPRequest.Method, readsBody: Bool = false) {
        self.path = path
        self.method = method
        self.readsBody = readsBody
    }
}

/// How generated code registers an operation: the steps every route takes are here, once; an operation supplies
/// its endpoint, its security, a synchronous reader for its `Input` and the one call that awaits its handler.
/// The order: security (401), the body received (413), the input read and validated (415, 422), the handler,
/// its output encoded.
extension Router {
    /// An operation without security.
    public func on<Handler: Sendable, Input: Sendable, Output: OperationOutput>(
        _ endpoint: Endpoint, _ handler: Handler, read: @escaping @Sendable (RequestParts) throws -> Input,
        call: @escaping @Sendable (Handler, Input) async throws -> Output
    ) {
        serve(endpoint, authenticate: { _ in () }, read: read, call: { input, _ in try await call(handler, input) })
    }

    /// An operation that requires one of `security`'s alternatives: 401 when none is satisfied.
    public func on<Handler: Authenticator, Input: Sendable, Output: OperationOutput>(
        _ endpoint: Endpoint, security: [[SecuritySchemeRef]], _ handler: Handler,
        read: @escaping @Sendable (RequestParts) throws -> Input,
        call: @escaping @Sendable (Handler, Input, Handler.Principal) async throws -> Output
    ) {
        serve(
            endpoint, authenticate: { try await Security.require($0, security, handler) }, read: read,
            call: { input, principal in try await call(handler, input, principal) })
    }

    /// An operation that also allows anonymous calls: the principal is nil when no credential is presented.
    public func on<Handler: Authenticator, Input: Sendable, Output: OperationOutput>(
        _ endpoint: Endpoint, optionalSecurity security: [[SecuritySchemeRef]], _ handler: Handler,
        read: @escaping @Sendable (RequestParts) throws -> Input,
        call: @escaping @Sendable (Handler, Input, Handler.Principal?) async throws -> Output
    ) {
        serve(
            endpoint, authenticate: { try await Security.optional($0, security, handler) }, read: read,
            call: { input, principal in try await call(handler, input, principal) })
    }

    /// The route itself, whatever the security: the principal first, then the body, the input and the handler.
    private func serve<Principal: Sendable, Input: Sendable, Output: OperationOutput>(
        _ endpoint: Endpoint, authenticate: @escaping @Sendable (Request) async throws -> Principal,
        read: @escaping @Sendable (RequestParts) throws -> Input, call: @escaping @Sendable (Input, Principal) async throws -> Output
    ) {
        on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
            let principal = try await authenticate(request)
            let input = try read(try await RequestParts.receive(request, context, readsBody: endpoint.readsBody))
            return try await call(input, principal).response()
        }
    }
}
