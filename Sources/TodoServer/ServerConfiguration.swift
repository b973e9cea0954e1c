import Foundation
import Logging
import PostgresClient

/// Everything an operator can set, from environment variables; the CLI's flags override them.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8000
    /// libpq URI or keyword string; nil runs the embedded PostgreSQL under `dataDirectory`.
    public var databaseURL: String?
    public var jwtSecret: String?
    public var accessTokenTTL: TimeInterval = 30 * 60
    public var corsOrigins: [String] = ["http://localhost:3000"]
    /// Pipelined PostgreSQL connections; each carries many requests' statements at once.
    public var databasePoolSize = 2
    /// Statements that may wait on one connection; beyond that a request answers 503 with `Retry-After`.
    public var databaseQueueLimit = 256
    /// `prepared` (the default) or `unnamed`: for PgBouncer before 1.21 in transaction pooling, which keeps
    /// no named prepared statement and no session setting (set `statement_timeout` on the role there).
    public var databaseStatements = PGStatementMode.prepared
    public var logLevel: Logger.Level = .info
    /// `text` (swift-log's stream format) or `json` (one object per line).
    public var logFormat = LogFormat.text
    /// Where `GET /metrics` is served: nil on the API port; a port of its own (on `host`) keeps it off the API.
    public var metricsPort: Int?
    public var dataDirectory = "./.todo-data"
    /// How many password hashes may run at once (each takes ~0.2 s of a core), and how many may wait.
    public var hashConcurrency = max(1, ProcessInfo.processInfo.activeProcessorCount)
    public var hashQueueLimit = 64
    /// Timeouts and sizes each connection is held to (`HEADER_TIMEOUT`, `BODY_TIMEOUT`, `IDLE_TIMEOUT`, `MAX_BODY_SIZE`).
    public var connectionLimits = ConnectionLimits()
    /// Open connections at most; more wait in the kernel's accept queue until one closes.
    public var maximumConnections = 1024
    /// Failed logins allowed per email and per client address within `loginFailureWindow` seconds, then 429.
    public var loginFailuresPerEmail = 10
    public var loginFailuresPerAddress = 30
    public var loginFailureWindow: TimeInterval = 300
    /// After SIGTERM, how long requests in progress may take before their connections are closed.
    public var shutdownTimeout: TimeInterval = 10
    /// After SIGTERM, how long `/ready` answers 503 while requests are still accepted and served, before the
    /// listener closes: at least the load balancer's health-check interval times its failure count.
    public var drainDelay: TimeInterval = 0

    public enum LogFormat: String, Sendable, CaseIterable {
        case text, json
    }

    public init() {}

    /// Reads `HOST`, `PORT`, `DATABASE_URL`, `JWT_SECRET`, `ACCESS_TOKEN_TTL` (seconds), `CORS_ORIGINS`
    /// (comma-separated), `DB_POOL_SIZE`, `DB_QUEUE_LIMIT`, `DB_STATEMENTS`, `LOG_LEVEL`, `LOG_FORMAT`, `METRICS_PORT`, `DATA_DIR`, and the limits
    /// `HEADER_TIMEOUT`, `BODY_TIMEOUT`, `IDLE_TIMEOUT`, `SHUTDOWN_TIMEOUT`, `DRAIN_DELAY` (seconds), `MAX_BODY_SIZE` (bytes)
    /// and `MAX_CONNECTIONS`, and the login throttle `LOGIN_FAILURES_PER_EMAIL`, `LOGIN_FAILURES_PER_ADDRESS` and
    /// `LOGIN_FAILURE_WINDOW` (seconds).
    public init(environment: [String: String]) throws(ConfigurationProblem) {
        func nonEmpty(_ key: String) -> String? {
            environment[key].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        if let value = nonEmpty("HOST") { host = value }
        if let value = nonEmpty("PORT") { port = try Self.integer("PORT", value, 0...65535) }
        databaseURL = nonEmpty("DATABASE_URL")
        jwtSecret = nonEmpty("JWT_SECRET")
        if let value = nonEmpty("ACCESS_TOKEN_TTL") { accessTokenTTL = TimeInterval(try Self.integer("ACCESS_TOKEN_TTL", value, 1...31_536_000)) }
        if let value = nonEmpty("CORS_ORIGINS") { corsOrigins = Self.origins(value) }
        if let value = nonEmpty("DB_POOL_SIZE") { databasePoolSize = try Self.integer("DB_POOL_SIZE", value, 1...64) }
        if let value = nonEmpty("DB_QUEUE_LIMIT") { databaseQueueLimit = try Self.integer("DB_QUEUE_LIMIT", value, 1...100_000) }
        if let value = nonEmpty("DB_STATEMENTS") {
            guard let mode = PGStatementMode(rawValue: value.lowercased()) else {
                throw ConfigurationProblem("DB_STATEMENTS must be prepared or unnamed, got '\(value)'")
            }
            databaseStatements = mode
        }
        if let value = nonEmpty("LOG_LEVEL") { logLevel = try Self.level(value) }
        if let value = nonEmpty("DATA_DIR") { dataDirectory = value }
        if let value = nonEmpty("HEADER_TIMEOUT") {
            connectionLimits.headerTimeout = .seconds(Int64(try Self.integer("HEADER_TIMEOUT", value, 1...3600)))
        }
        if let value = nonEmpty("BODY_TIMEOUT") { connectionLimits.bodyTimeout = .seconds(Int64(try Self.integer("BODY_TIMEOUT", value, 1...3600))) }
        if let value = nonEmpty("IDLE_TIMEOUT") { connectionLimits.idleTimeout = .seconds(Int64(try Self.integer("IDLE_TIMEOUT", value, 1...3600))) }
        if let value = nonEmpty("MAX_BODY_SIZE") { connectionLimits.maximumBodySize = try Self.integer("MAX_BODY_SIZE", value, 1024...1_073_741_824) }
        if let value = nonEmpty("MAX_CONNECTIONS") { maximumConnections = try Self.integer("MAX_CONNECTIONS", value, 1...1_000_000) }
        if let value = nonEmpty("LOGIN_FAILURES_PER_EMAIL") {
            loginFailuresPerEmail = try Self.integer("LOGIN_FAILURES_PER_EMAIL", value, 1...1_000_000)
        }
        if let value = nonEmpty("LOGIN_FAILURES_PER_ADDRESS") {
            loginFailuresPerAddress = try Self.integer("LOGIN_FAILURES_PER_ADDRESS", value, 1...1_000_000)
        }
        if let value = nonEmpty("LOGIN_FAILURE_WINDOW") {
            loginFailureWindow = TimeInterval(try Self.integer("LOGIN_FAILURE_WINDOW", value, 1...86_400))
        }
        if let value = nonEmpty("LOG_FORMAT") {
            guard let format = LogFormat(rawValue: value.lowercased()) else {
                throw ConfigurationProblem("LOG_FORMAT must be text or json, got '\(value)'")
            }
            logFormat = format
        }
        if let value = nonEmpty("METRICS_PORT") { metricsPort = try Self.integer("METRICS_PORT", value, 0...65535) }
        if let value = nonEmpty("DRAIN_DELAY") { drainDelay = TimeInterval(try Self.integer("DRAIN_DELAY", value, 0...600)) }
        if let value = nonEmpty("SHUTDOWN_TIMEOUT") { shutdownTimeout = TimeInterval(try Self.integer("SHUTDOWN_TIMEOUT", value, 0...3600)) }
    }

    public static func integer(_ name: String, _ text: String, _ range: ClosedRange<Int>) throws(ConfigurationProblem) -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ConfigurationProblem("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }

    public static func origins(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public static func level(_ text: String) throws(ConfigurationProblem) -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ConfigurationProblem("LOG_LEVEL must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
        }
        return level
    }
}

/// A setting or environment that keeps the server from starting, said in one line.
public struct ConfigurationProblem: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
