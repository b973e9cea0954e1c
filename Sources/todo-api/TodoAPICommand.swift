import ArgumentParser
import Foundation
import Logging
import TodoServer
import TodoStore

@main
struct TodoAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "todo-api",
        abstract: "The Todo REST API: users, JWT login and tasks over PostgreSQL, served from openapi.yaml.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Statements.self],
        defaultSubcommand: Serve.self
    )
}

/// Flags shared by every subcommand; each overrides the environment variable of the same meaning.
struct Options: ParsableArguments {
    @Option(help: "Database as a libpq URI or keyword string (env DATABASE_URL); without it an embedded PostgreSQL runs under --data-dir.")
    var databaseURL: String?

    @Option(help: "Where the embedded database and the generated JWT secret live (env DATA_DIR, default ./.todo-data).")
    var dataDir: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env LOG_LEVEL, default info).")
    var logLevel: String?

    func configuration() throws -> ServerConfiguration {
        var configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        if let databaseURL { configuration.databaseURL = databaseURL }
        if let dataDir { configuration.dataDirectory = dataDir }
        if let logLevel { configuration.logLevel = try ServerConfiguration.level(logLevel) }
        return configuration
    }
}

func makeLogger(_ configuration: ServerConfiguration) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = ServerLogHandler(label: label, format: configuration.logFormat)
        handler.logLevel = configuration.logLevel
        return handler
    }
    return Logger(label: "todo-api")
}

/// Runs `body`, turning a configuration or start-up problem into one clear line and exit code 1.
func reportingProblems(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CleanExit {
        throw error
    } catch {
        FileHandle.standardError.write(Data("todo-api: error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the API (default command).")

    @OptionGroup var options: Options

    @Option(help: "Address to bind (env HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on; 0 picks a free one (env PORT, default 8000).")
    var port: Int?

    @Option(help: "Comma-separated origins allowed by CORS (env CORS_ORIGINS, default http://localhost:3000).")
    var corsOrigins: String?

    @Option(help: "Pipelined database connections (env DB_POOL_SIZE, default 2).")
    var dbPoolSize: Int?

    @Option(help: "Statements that may wait per database connection before requests answer 503 (env DB_QUEUE_LIMIT, default 256).")
    var dbQueueLimit: Int?

    @Option(help: "Access token lifetime in seconds (env ACCESS_TOKEN_TTL, default 1800).")
    var accessTokenTtl: Int?

    func run() async throws {
        try await reportingProblems {
            var configuration = try options.configuration()
            if let host { configuration.host = host }
            if let port { configuration.port = try ServerConfiguration.integer("--port", String(port), 0...65535) }
            if let corsOrigins { configuration.corsOrigins = ServerConfiguration.origins(corsOrigins) }
            if let dbPoolSize { configuration.databasePoolSize = try ServerConfiguration.integer("--db-pool-size", String(dbPoolSize), 1...64) }
            if let dbQueueLimit {
                configuration.databaseQueueLimit = try ServerConfiguration.integer("--db-queue-limit", String(dbQueueLimit), 1...100_000)
            }
            if let accessTokenTtl {
                configuration.accessTokenTTL = TimeInterval(
                    try ServerConfiguration.integer("--access-token-ttl", String(accessTokenTtl), 1...31_536_000))
            }
            try await TodoServer.serve(configuration, logger: makeLogger(configuration), metrics: .bootstrap())
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    @OptionGroup var options: Options

    func run() async throws {
        try await reportingProblems {
            let configuration = try options.configuration()
            try TodoServer.migrate(configuration, logger: makeLogger(configuration))
        }
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a demo user (demo@example.com / password123) with a few tasks.")

    @OptionGroup var options: Options

    func run() async throws {
        try await reportingProblems {
            let configuration = try options.configuration()
            try await TodoServer.seed(configuration, logger: makeLogger(configuration))
        }
    }
}

struct Statements: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every SQL statement the server runs, with its parameter types (for EXPLAIN, pgbench, review).")

    @Flag(help: "One JSON object per statement: name, parameters, sql.")
    var json = false

    func run() throws {
        for statement in TodoStore.SQL.all {
            if json {
                let object: [String: Any] = ["name": statement.name, "parameters": statement.parameterTypes.map(\.name), "sql": statement.sql]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("-- \(statement.name)(\(statement.parameterTypes.map(\.name).joined(separator: ", ")))\n\(statement.sql);\n")
            }
        }
    }
}
