import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOConcurrencyHelpers

/// The outermost middleware: gives every request an id, writes one log line when it is answered, and counts
/// it in the request metrics. It reads the method, the route template, the status and the time taken; never a
/// header value other than `X-Request-ID`, a query string or a body, so no token or password can reach a log.
struct RequestObservationMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let id = RequestID.accepting(request.headers[.xRequestID])
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        context.logger[metadataKey: "hb.request.id"] = nil
        let status: Int
        do {
            var response = try await next(request, context)
            response.headers[.xRequestID] = id
            status = response.status.code
            finish(request, context, status: status, start: start)
            return response
        } catch {
            // JSONErrorMiddleware answers everything the routes throw; what still arrives here is Hummingbird's.
            status = (error as? any HTTPResponseError)?.status.code ?? 500
            finish(request, context, status: status, start: start)
            throw error
        }
    }

    private func finish(_ request: Request, _ context: Context, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        // The template the router matched (`/api/{user_id}/tasks`), so ids do not make every path its own series.
        let route = context.endpointPath ?? "unmatched"
        let method = request.method.rawValue
        metrics.record(method: method, route: route, status: status, duration: elapsed)
        let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        context.logger.info(
            "request",
            metadata: [
                "method": .string(method),
                "route": .string(route),
                "status": .stringConvertible(status),
                "duration_ms": .stringConvertible(Double(microseconds) / 1000),
            ])
    }
}

/// `X-Request-ID`: the client's when it is 1 to 128 characters of `A-Z a-z 0-9 - _ . :` (what UUIDs, trace ids
/// and load balancers send), otherwise a new random 128-bit id in hex. Anything else could forge log lines.
enum RequestID {
    static func accepting(_ offered: String?) -> String {
        if let offered, isValid(offered) { return offered }
        return generate()
    }

    static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                true
            default: false
            }
        }
    }

    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return [generator.next() as UInt64, generator.next() as UInt64].map { half in
            let hex = String(half, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

/// Request count and latency by method, route template and status, through swift-metrics. Handles are cached
/// per series so a request costs one dictionary lookup under a lock, not a lookup in the metrics backend.
final class RequestMetrics: Sendable {
    static let durationLabel = "http_server_request_duration_seconds"

    private struct Series: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private let handles = NIOLockedValueBox([Series: (count: Counter, duration: Metrics.Timer)]())

    func record(method: String, route: String, status: Int, duration: Duration) {
        let series = Series(method: method, route: route, status: status)
        let handle = handles.withLockedValue { handles in
            if let handle = handles[series] { return handle }
            let dimensions = [("method", method), ("route", route), ("status", String(status))]
            let handle = (
                Counter(label: "http_server_requests_total", dimensions: dimensions),
                Metrics.Timer(label: Self.durationLabel, dimensions: dimensions)
            )
            handles[series] = handle
            return handle
        }
        handle.count.increment()
        handle.duration.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}

extension HTTPField.Name {
    static var xRequestID: Self { Self("X-Request-ID")! }
}
