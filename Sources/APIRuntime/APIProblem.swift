import HTTPTypes
import Hummingbird

/// An error that is answered with a documented status and a `{"detail": ...}` body, as FastAPI answers.
public struct APIProblem: Error, Sendable {
    public var status: Int
    public var detail: JSONValue
    public var headers: HTTPFields

    public init(status: Int, detail: JSONValue, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    public init(status: Int, _ message: String, headers: HTTPFields = [:]) {
        self.init(status: status, detail: .string(message), headers: headers)
    }

    public var response: Response {
        Respond.json(status, bytes: JSONWriter.write(.object(JSONObject([("detail", detail)]))), headers: headers)
    }
}

/// Turns what escapes a route into a JSON answer: router 404s and body-size 413s keep their status with the
/// reason phrase as `detail`; anything unexpected is logged and answered 500 without internals.
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as APIProblem {
            return problem.response
        } catch let failure as ValidationFailure {
            return failure.problem.response
        } catch is CancellationError {
            // Shutdown's deadline passed while this request was still reading or waiting.
            context.logger.notice("\(request.method) \(request.uri.path) cancelled by shutdown")
            var headers = HTTPFields()
            headers[.retryAfter] = "1"
            headers[.connection] = "close"
            return APIProblem(status: 503, "Server shutting down, retry shortly", headers: headers).response
        } catch let error as any PublicError {
            context.logger.warning("\(request.method) \(request.uri.path) answered \(error.publicStatus): \(String(reflecting: error))")
            return APIProblem(status: error.publicStatus, error.publicDetail, headers: error.publicHeaders).response
        } catch let error as HTTPError {
            return APIProblem(status: error.status.code, error.status.reasonPhrase, headers: error.headers).response
        } catch let error as any HTTPResponseError {
            // Hummingbird's own answers, such as 413 for a body over the upload limit.
            return APIProblem(status: error.status.code, error.status.reasonPhrase).response
        } catch {
            context.logger.error("unhandled error in \(request.method) \(request.uri.path): \(String(reflecting: error))")
            return APIProblem(status: 500, "Internal Server Error").response
        }
    }
}

/// An error from a lower layer that knows how it should be answered (say, 503 when the database is down).
/// The middleware logs it and answers with `publicStatus` and `publicDetail` only, never the error's own text.
public protocol PublicError: Error {
    var publicStatus: Int { get }
    var publicDetail: String { get }
    var publicHeaders: HTTPFields { get }
}
