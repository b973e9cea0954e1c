import HTTPTypes
import Hummingbird

/// Headers every answer carries: `X-Content-Type-Options: nosniff`, so a browser never reads a JSON or YAML
/// body as something it could run, and `Cache-Control: no-store` on the API, whose answers carry tokens and
/// personal data that no shared or browser cache should keep.
struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if request.uri.path.hasPrefix("/api/"), response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

extension HTTPField.Name {
    static var xContentTypeOptions: Self { Self("X-Content-Type-Options")! }
}
