import Auth
import CryptoPrimitives
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import PostgresClient
import ServiceLifecycle
import TodoAPI
import TodoStore

/// Assembly in one place: the database (given or embedded), migrations, the JWT secret, the pool, the
/// handler and the router, started and stopped in that order and torn down in reverse.
public enum TodoServer {
    /// Serves until SIGINT/SIGTERM, then shuts down gracefully.
    /// `metrics` is the process's swift-metrics backend (`ServerMetrics.bootstrap()`, once per process).
    public static func serve(_ configuration: ServerConfiguration, logger: Logger, metrics: ServerMetrics) async throws {
        let database = try Database.open(configuration, logger: logger)
        defer { database.close() }
        database.embedded?.supervise()
        let secret = try jwtSecret(configuration, database: database, logger: logger)
        try Migrations.run(database.conninfo, logger: logger)
        let client = PGClient(
            conninfo: database.conninfo, connections: configuration.databasePoolSize,
            maximumQueuedPerConnection: configuration.databaseQueueLimit,
            statements: configuration.databaseStatements, logger: logger)
        if !(await client.waitUntilReady(timeout: .seconds(10))) {
            logger.warning("no database connection is ready yet; requests answer 503 until one is")
        }
        let store = TodoStore(client: client)
        // Idempotency keys are kept 24 hours: drop older ones every 10 minutes.
        let janitor = Task {
            while !Task.isCancelled {
                do {
                    try await store.expireIdempotencyKeys()
                } catch {
                    logger.warning("expiring idempotency keys failed (retrying later): \(error)")
                }
                try? await Task.sleep(for: .seconds(600))
            }
        }
        defer { janitor.cancel() }
        let drain = ShutdownDrain(delay: .milliseconds(Int64(configuration.drainDelay * 1000)), logger: logger)
        let handler = try TodoHandler(
            store: store,
            signer: JWTSigner(secret: secret, maximumLifetime: configuration.accessTokenTTL),
            tokenLifetime: configuration.accessTokenTTL,
            hasher: .recommended,
            hashing: HashLimiter(concurrency: configuration.hashConcurrency, queueLimit: configuration.hashQueueLimit),
            logger: logger, isDraining: { drain.isDraining })
        metrics.recordBuildInfo(handler.spec)
        let sources = ServerMetrics.Sources(database: client, hashing: handler.hashing)
        let router = buildRouter(handler, configuration: configuration, metrics: metrics)
        var services: [any Service] = []
        if let metricsPort = configuration.metricsPort {
            let metricsRouter = Router(context: TodoRequestContext.self)
            metrics.registerRoute(on: metricsRouter, sources: sources)
            services.append(
                Application(
                    router: metricsRouter,
                    configuration: .init(address: .hostname(configuration.host, port: metricsPort), serverName: nil),
                    onServerRunning: { channel in
                        logger.notice("metrics on http://\(configuration.host):\(channel.localAddress?.port ?? metricsPort)/metrics")
                    },
                    logger: logger))
        } else {
            metrics.registerRoute(on: router, sources: sources)
        }
        let limits = configuration.connectionLimits
        let app = Application(
            router: router,
            server: HTTPServerBuilder { responder in GuardedHTTP1Channel(responder: responder, limits: limits) },
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil,
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maximumConnections)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.notice("todo-api listening on http://\(configuration.host):\(port)")
            },
            logger: logger)
        services.insert(app, at: 0)
        // Shut down first (services stop in reverse order): /ready answers 503 for `drainDelay` before the
        // server stops accepting.
        services.append(drain)
        // SIGTERM or SIGINT: after the drain delay, stop accepting, let requests in progress finish for
        // `shutdownTimeout`, then close what is left (a client trickling a body cannot keep the process up) and exit 0.
        var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = Duration.milliseconds(Int64(configuration.shutdownTimeout * 1000))
        do {
            try await ServiceGroup(configuration: group).run()
        } catch is CancellationError {
            logger.notice("shutdown: connections still open after \(Int(configuration.shutdownTimeout)) s were closed")
        }
        await client.shutdown()
    }

    /// Applies pending migrations and exits.
    public static func migrate(_ configuration: ServerConfiguration, logger: Logger) throws {
        let database = try Database.open(configuration, logger: logger)
        defer { database.close() }
        let applied = try Migrations.run(database.conninfo, logger: logger)
        logger.notice(applied.isEmpty ? "schema is up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
    }

    public static func buildRouter(_ handler: TodoHandler, configuration: ServerConfiguration, metrics: ServerMetrics) -> Router<TodoRequestContext> {
        let router = Router(context: TodoRequestContext.self)
        router.add(middleware: RequestObservationMiddleware(metrics: metrics.requests))
        router.add(middleware: ResponseHeadersMiddleware())
        router.add(middleware: CORSMiddleware(origins: configuration.corsOrigins))
        router.add(
            middleware: LoginThrottleMiddleware(
                throttle: LoginThrottle(
                    policy: .init(
                        maximumFailuresPerEmail: configuration.loginFailuresPerEmail,
                        maximumFailuresPerAddress: configuration.loginFailuresPerAddress,
                        window: configuration.loginFailureWindow))))
        handler.registerRoutes(on: router)
        DocsRoute.register(on: router)
        return router
    }

    /// `JWT_SECRET`, or for the embedded database a generated one kept in the data directory.
    static func jwtSecret(_ configuration: ServerConfiguration, database: Database, logger: Logger) throws -> [UInt8] {
        if let secret = configuration.jwtSecret {
            guard secret.utf8.count >= JWTSigner.minimumSecretLength else {
                throw ConfigurationProblem("JWT_SECRET must be at least \(JWTSigner.minimumSecretLength) bytes, got \(secret.utf8.count)")
            }
            return Array(secret.utf8)
        }
        guard database.embedded != nil else {
            throw ConfigurationProblem(
                "JWT_SECRET is required with DATABASE_URL (at least \(JWTSigner.minimumSecretLength) bytes), so every instance signs with the same key"
            )
        }
        let path = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("jwt-secret").path
        if let stored = FileManager.default.contents(atPath: path), stored.count >= JWTSigner.minimumSecretLength {
            logger.info("using the JWT secret kept in \(path)")
            return Array(stored)
        }
        let secret = Array(try Crypto.randomBytes(32).map { String(format: "%02x", $0) }.joined().utf8)
        guard FileManager.default.createFile(atPath: path, contents: Data(secret), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationProblem("cannot write the JWT secret to \(path)")
        }
        logger.notice("JWT_SECRET is not set: generated one and kept it in \(path)")
        return secret
    }
}

/// The database the server talks to: `DATABASE_URL`, or the embedded cluster started for this process.
struct Database {
    let conninfo: String
    let embedded: EmbeddedPostgres?

    static func open(_ configuration: ServerConfiguration, logger: Logger) throws -> Database {
        if let url = configuration.databaseURL { return Database(conninfo: url, embedded: nil) }
        try FileManager.default.createDirectory(
            atPath: configuration.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o711])
        let embedded = try EmbeddedPostgres(dataDirectory: configuration.dataDirectory, logger: logger)
        try embedded.lock()
        do {
            try embedded.start()
        } catch {
            embedded.stop()
            throw error
        }
        return Database(conninfo: embedded.conninfo, embedded: embedded)
    }

    func close() {
        embedded?.stop()
    }
}
