import APIRuntime
import HTTPTypes
import Hummingbird
import NIOCore
import TodoAPI

/// `GET /docs`: the API reference rendered from the spec at build time (`EmbeddedDocs`). Like FastAPI's, it is not
/// one of the spec's operations. Its policy lets the page's own inline style and script run and forbids
/// everything else (no fetch, no frame, no external asset), so even a spec text that slipped through escaping
/// could load nothing.
enum DocsRoute {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static func register<Context: RequestContext>(on router: Router<Context>) {
        let page = ByteBuffer(string: EmbeddedDocs.html)
        router.get("/docs") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            headers[.contentSecurityPolicy] = contentSecurityPolicy
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: page))
        }
        Route.methodNotAllowed(on: router, path: "/docs", allowed: ["GET"])
    }
}
