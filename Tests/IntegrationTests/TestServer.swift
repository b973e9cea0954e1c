import ChildProcess
import Foundation
import PostgresClient
import Testing

/// The PostgreSQL server the test command started (`TEST_DATABASE_URL`), and the built `todo-api` binary.
enum TestEnvironment {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let adminURL = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"]
    static let binary = ProcessInfo.processInfo.environment["TODO_API_BIN"] ?? packageRoot.appendingPathComponent(".build/debug/todo-api").path
    static let available = adminURL != nil && FileManager.default.isExecutableFile(atPath: binary)
    static let skipReason: Comment = "needs TEST_DATABASE_URL and a built todo-api: run scripts/test.sh"
    static let jwtSecret = "integration-tests-secret-0123456789abcdef"

    /// A new, empty database on the test server; returns its connection string.
    static func freshDatabase(_ label: String) throws -> String {
        guard let adminURL else { throw TestFailure("TEST_DATABASE_URL is not set") }
        let name = "todo_\(label)_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PGConnection.connect(adminURL)
        try admin.simpleQuery("CREATE DATABASE \(name)")
        return adminURL + " dbname=\(name)"
    }

    static func sql(_ conninfo: String, _ statement: String, _ parameters: [String?] = []) throws -> [PGTextRow] {
        try PGConnection.connect(conninfo).textQuery(statement, parameters).rows
    }
}

/// A `todo-api serve` child process on a free loopback port, stopped (SIGTERM) when the test process exits.
final class ServerProcess: Sendable {
    let pid: pid_t
    let port: UInt16
    let outputPath: String
    var client: HTTPClient { HTTPClient(port: port) }

    nonisolated(unsafe) private static var children: [pid_t] = []
    private static let registerExitHook: Void = { atexit { for pid in ServerProcess.children { kill(pid, SIGTERM) } } }()

    init(arguments: [String] = [], environment: [String: String]) throws {
        _ = Self.registerExitHook
        port = try Self.freePort()
        outputPath = NSTemporaryDirectory() + "todo-api-itest-\(port).log"
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        pid = try Self.spawn(
            [TestEnvironment.binary, "serve", "--host", "127.0.0.1", "--port", String(port)] + arguments, env: env, output: outputPath)
        Self.children.append(pid)
        try waitUntilHealthy()
    }

    func waitUntilHealthy() throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let response = try? client.request("GET", "/health"), response.status == 200 { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw TestFailure("todo-api exited early: \(log)")
            }
            usleep(100_000)
        }
        throw TestFailure("todo-api did not become healthy: \(log)")
    }

    var log: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// SIGTERM, then the exit status.
    func stop() -> Int32 {
        kill(pid, SIGTERM)
        let status = ChildProcess.wait(pid)
        Self.children.removeAll { $0 == pid }
        return status
    }

    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { throw TestFailure("cannot find a free port") }
        return UInt16(bigEndian: address.sin_port)
    }

    static func spawn(_ command: [String], env: [String: String], output: String) throws -> pid_t {
        try ChildProcess.spawn(command, environment: env, output: output)
    }

    /// Runs a command to completion with `env` added to this process's environment.
    static func run(_ command: [String], env: [String: String]) throws -> (status: Int32, output: String) {
        try ChildProcess.run(command, environment: ProcessInfo.processInfo.environment.merging(env) { $1 })
    }
}

/// One server for the whole run, over its own fresh database; tests use unique emails so they can run in parallel.
enum Shared {
    static let database: Result<String, any Error> = Result { try TestEnvironment.freshDatabase("api") }
    static let server: Result<ServerProcess, any Error> = Result {
        try ServerProcess(environment: [
            "DATABASE_URL": try database.get(), "JWT_SECRET": TestEnvironment.jwtSecret,
            "LOG_LEVEL": "warning", "CORS_ORIGINS": "http://localhost:3000,https://app.example.com",
            // Every test logs in from 127.0.0.1; the throttle has its own server in `LoginThrottleTests`.
            "LOGIN_FAILURES_PER_ADDRESS": "1000000", "LOGIN_FAILURES_PER_EMAIL": "1000000",
        ])
    }
}

/// A registered, logged-in user on the shared server.
struct TestUser {
    let id: Int
    let email: String
    let password: String
    let token: String

    static func make(_ client: HTTPClient, name: String? = nil) throws -> TestUser {
        let email = "user-\(UUID().uuidString.prefix(12))@Example.com"
        let password = "correct horse battery"
        var body: [String: Any] = ["email": email, "password": password]
        if let name { body["name"] = name }
        let created = try client.json("POST", "/api/auth/register", body)
        guard created.status == 201, let id = try created.object()["id"] as? Int else {
            throw TestFailure("register: \(created.status) \(created.text)")
        }
        let login = try client.json("POST", "/api/auth/login", ["email": email, "password": password])
        guard login.status == 200, let token = try login.object()["access_token"] as? String else {
            throw TestFailure("login: \(login.status) \(login.text)")
        }
        return TestUser(id: id, email: email, password: password, token: token)
    }

    func createTask(_ client: HTTPClient, _ title: String, description: String? = nil) throws -> [String: Any] {
        var body: [String: Any] = ["title": title]
        if let description { body["description"] = description }
        let response = try client.json("POST", "/api/\(id)/tasks", body, token: token)
        guard response.status == 201 else { throw TestFailure("create task: \(response.status) \(response.text)") }
        return try response.object()
    }
}
