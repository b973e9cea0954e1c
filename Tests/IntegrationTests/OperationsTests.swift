import Foundation
import Testing

/// What operators get: one log line per request carrying its `X-Request-ID` (and never a secret), in text or
/// JSON, and Prometheus metrics on the API port or a port of their own.
@Suite("Request logs and metrics over HTTP", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct OperationsTests {
    /// A server of its own (fresh counters, its own log) over the shared database.
    static func server(_ environment: [String: String]) throws -> ServerProcess {
        try ServerProcess(
            environment: [
                "DATABASE_URL": try Shared.database.get(), "JWT_SECRET": TestEnvironment.jwtSecret,
                "LOGIN_FAILURES_PER_ADDRESS": "1000000", "LOGIN_FAILURES_PER_EMAIL": "1000000",
            ].merging(environment) { $1 })
    }

    /// The log lines that are request records, parsed.
    static func requestRecords(_ log: String) throws -> [[String: Any]] {
        try log.split(separator: "\n").compactMap { line -> [String: Any]? in
            guard line.hasPrefix("{") else { return nil }
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["message"] as? String == "request" ? object : nil
        }
    }

    @Test func jsonRequestLogsCarryTheRequestIDAndNoSecrets() throws {
        let server = try Self.server(["LOG_FORMAT": "json", "LOG_LEVEL": "info"])
        defer { _ = server.stop() }
        let client = server.client
        let user = try TestUser.make(client)
        let offered = "trace-0af7651916cd43dd8448eb211c80319c"
        let health = try client.request("GET", "/health", headers: ["X-Request-ID": offered])
        #expect(health.header("X-Request-ID") == offered)
        let forged = try client.request("GET", "/health", headers: ["X-Request-ID": "x\" level=error"])
        let generated = try #require(forged.header("X-Request-ID"))
        #expect(generated.count == 32 && generated.allSatisfy(\.isHexDigit), "\(generated)")
        #expect(try client.request("GET", "/api/\(user.id)/tasks?limit=5", token: user.token).status == 200)
        let failed = try client.json(
            "POST", "/api/auth/login", ["email": user.email, "password": "hunter2-wrong"], headers: ["X-Request-ID": "login-1"])
        #expect(failed.status == 401)
        #expect(failed.header("X-Request-ID") == "login-1")
        #expect(try client.request("GET", "/no/such/path").header("X-Request-ID") != nil)

        usleep(200_000)
        let log = server.log
        let records = try Self.requestRecords(log)
        let byID = Dictionary(records.map { ($0["request_id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let record = try #require(byID[offered])
        #expect(record["method"] as? String == "GET")
        #expect(record["route"] as? String == "/health")
        #expect(record["status"] as? Int == 200)
        #expect((record["duration_ms"] as? Double).map { $0 >= 0 && $0 < 10_000 } == true)
        #expect(record["level"] as? String == "info")
        #expect((record["time"] as? String)?.hasSuffix("Z") == true)
        #expect(byID[generated]?["route"] as? String == "/health")
        #expect(byID["login-1"]?["status"] as? Int == 401)
        #expect(byID["login-1"]?["route"] as? String == "/api/auth/login")
        let list = records.first { $0["route"] as? String == "/api/{user_id}/tasks" }
        #expect(list?["status"] as? Int == 200, "the route template, not the path with ids")
        #expect(records.contains { $0["route"] as? String == "NotFound" && $0["status"] as? Int == 404 })
        // Whatever the level, neither the password, the token, nor the query string reaches the log.
        for secret in ["hunter2-wrong", "correct horse", user.token, String(user.token.split(separator: ".")[2]), "limit=5"] {
            #expect(!log.contains(secret), "the log holds \(secret)")
        }
    }

    @Test func textLogsAreOneLinePerRequest() throws {
        let server = try Self.server(["LOG_FORMAT": "text", "LOG_LEVEL": "info"])
        defer { _ = server.stop() }
        _ = try server.client.request("GET", "/health", headers: ["X-Request-ID": "text-check-1"])
        usleep(200_000)
        let line = try #require(server.log.split(separator: "\n").first { $0.contains("request_id=text-check-1") })
        #expect(line.contains("info") && line.contains("route=/health") && line.contains("status=200") && line.contains("method=GET"))
        // LOG_LEVEL=notice turns request lines off.
        let quiet = try Self.server(["LOG_LEVEL": "notice"])
        defer { _ = quiet.stop() }
        _ = try quiet.client.request("GET", "/health", headers: ["X-Request-ID": "quiet-1"])
        usleep(200_000)
        #expect(!quiet.log.contains("quiet-1"))
    }

    /// Prometheus text on `METRICS_PORT`: counts by route template and status, the latency histogram, the
    /// pool, the hash queue and the build info; the API port then has no `/metrics`.
    @Test func metricsOnTheirOwnPort() throws {
        let metricsPort = try ServerProcess.freePort()
        let server = try Self.server(["METRICS_PORT": String(metricsPort), "LOG_LEVEL": "warning"])
        defer { _ = server.stop() }
        let client = server.client
        let user = try TestUser.make(client)
        for _ in 0..<3 { #expect(try client.request("GET", "/api/\(user.id)/tasks", token: user.token).status == 200) }
        #expect(try client.request("GET", "/api/\(user.id)/tasks").status == 401)
        #expect(try client.request("GET", "/metrics").status == 404)

        let scrape = try HTTPClient(port: metricsPort).request("GET", "/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let lines = Set(scrape.text.split(separator: "\n").map(String.init))
        func has(_ line: String) { #expect(lines.contains(line), "missing: \(line)\n\(scrape.text)") }
        has(#"http_server_requests_total{method="GET",route="/api/{user_id}/tasks",status="200"} 3"#)
        has(#"http_server_requests_total{method="GET",route="/api/{user_id}/tasks",status="401"} 1"#)
        has(#"http_server_requests_total{method="POST",route="/api/auth/register",status="201"} 1"#)
        has(#"http_server_request_duration_seconds_count{method="GET",route="/api/{user_id}/tasks",status="200"} 3"#)
        has(#"http_server_request_duration_seconds_bucket{method="GET",route="/api/{user_id}/tasks",status="200",le="+Inf"} 3"#)
        has(#"db_pool_connections{state="ready"} 2.0"#)
        has("db_pool_outstanding_statements 0.0")
        has("password_hash_queued 0.0")
        #expect(
            lines.contains { $0.hasPrefix(#"todo_api_build_info{spec_title="Todo API",spec_version="1.0.0",spec_etag=""#) && $0.hasSuffix("} 1.0") })
        #expect(lines.contains("# TYPE http_server_request_duration_seconds histogram"))
    }

    @Test func metricsOnTheAPIPortByDefault() throws {
        let client = try Shared.server.get().client
        _ = try client.request("GET", "/health")
        let scrape = try client.request("GET", "/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.text.contains(#"http_server_requests_total{method="GET",route="/health",status="200"}"#))
        #expect(scrape.text.contains("# TYPE db_pool_connections gauge"))
    }
}
