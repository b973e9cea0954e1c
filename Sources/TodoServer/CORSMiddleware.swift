import Hummingbird
import TodoAPI

/// CORS as the FastAPI original configured it: listed origins only, credentials allowed, every method and
/// header, preflights answered here, and every response header the spec documents readable by the browser (the typed
/// TypeScript client reads them; a browser hides all but the CORS-safelisted ones otherwise). Other origins get no
/// CORS headers.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: Set<String>
    let allowsAnyOrigin: Bool
    /// The response headers `openapi.yaml` documents that are not CORS-safelisted, and `X-Request-ID`.
    static var exposedHeaders: String { CORSExposedHeaders.value }

    init(origins: [String]) {
        allowedOrigins = Set(origins)
        allowsAnyOrigin = origins.contains("*")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], allowsAnyOrigin || allowedOrigins.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = origin
            headers[.accessControlAllowCredentials] = "true"
            headers[.accessControlAllowMethods] = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
            if let requested = request.headers[.accessControlRequestHeaders] {
                headers[.accessControlAllowHeaders] = requested
            }
            headers[.accessControlMaxAge] = "600"
            headers[.vary] = "Origin"
            headers[.contentLength] = "2"
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "OK")))
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlAllowCredentials] = "true"
        response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        response.headers[.vary] = "Origin"
        return response
    }
}

/// Read from the spec at build time, so a response header the spec gains is exposed to browser clients without
/// an edit here. (A static stored property cannot live in the generic middleware.)
enum CORSExposedHeaders {
    static let value: String = {
        let safelisted: Set<String> = ["cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"]
        return (EmbeddedSpec.responseHeaders.filter { !safelisted.contains($0.lowercased()) } + ["X-Request-ID"]).joined(separator: ", ")
    }()
}
