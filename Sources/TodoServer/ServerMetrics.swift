import APIRuntime
import Hummingbird
import Metrics
import PostgresClient
import Prometheus

/// The Prometheus side of the server's metrics: the registry that swift-metrics reports into, the gauges read
/// when `/metrics` is scraped (database connections and queued statements, the password-hash queue), and the
/// build info. `GET /metrics` answers the text exposition format 0.0.4.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let requests = RequestMetrics()

    /// Latency buckets for the request histogram, in seconds: 0.5 ms to 10 s.
    static let latencyBuckets: [Duration] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
        .map { Duration.nanoseconds(Int64($0 * 1e9)) }

    /// Installs the Prometheus backend for swift-metrics; call once per process, before any metric is made.
    public static func bootstrap() -> ServerMetrics {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [RequestMetrics.durationLabel: latencyBuckets]
        MetricsSystem.bootstrap(factory)
        return ServerMetrics(registry: registry)
    }

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// `todo_api_build_info{spec_title, spec_version, spec_etag} 1`: which contract this process serves.
    func recordBuildInfo(_ spec: PublishedSpec) {
        var title = "unknown"
        var version = "unknown"
        if case .object(let info)? = spec.json["info"] {
            if case .string(let text)? = info["title"] { title = text }
            if case .string(let text)? = info["version"] { version = text }
        }
        Gauge(
            label: "todo_api_build_info",
            dimensions: [
                ("spec_title", title), ("spec_version", version), ("spec_etag", spec.yamlETag.replacingOccurrences(of: "\"", with: "")),
            ]
        ).record(1)
    }

    /// What is sampled at each scrape rather than counted as it happens.
    struct Sources: Sendable {
        var database: PGClient
        var hashing: HashLimiter
    }

    func sample(_ sources: Sources) async {
        let connections = sources.database.connectionStates
        Gauge(label: "db_pool_connections", dimensions: [("state", "ready")]).record(connections.ready)
        Gauge(label: "db_pool_connections", dimensions: [("state", "not_ready")]).record(connections.total - connections.ready)
        Gauge(label: "db_pool_outstanding_statements").record(sources.database.outstandingStatements)
        let load = await sources.hashing.load
        Gauge(label: "password_hash_running").record(load.running)
        Gauge(label: "password_hash_queued").record(load.waiting)
    }

    /// `GET /metrics` on `router`.
    func registerRoute<Context: RequestContext>(on router: Router<Context>, sources: Sources) {
        router.get("/metrics") { _, _ -> Response in
            await self.sample(sources)
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16 * 1024)
            self.registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
