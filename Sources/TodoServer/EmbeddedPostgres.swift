import ChildProcess
import Foundation
import Logging

/// The default database when no `DATABASE_URL` is given: a private PostgreSQL cluster under the data
/// directory, created on first run (`initdb`), listening on a Unix socket only, stopped on shutdown.
/// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
public final class EmbeddedPostgres: Sendable {
    let binDirectory: String
    let clusterDirectory: String
    let socketDirectory: String
    let runAs: String?
    let logger: Logger

    /// The libpq connection string of the running cluster.
    public var conninfo: String { "host=\(socketDirectory) dbname=postgres user=todo application_name=todo-api" }

    public init(dataDirectory: String, logger: Logger) throws(ConfigurationProblem) {
        guard let bin = Self.findBinaries() else {
            throw ConfigurationProblem("PostgreSQL server binaries (initdb, pg_ctl) not found; install them with: apt-get install -y postgresql")
        }
        binDirectory = bin
        self.logger = logger
        let root = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        runAs = getuid() == 0 ? "postgres" : nil
        var base = root
        if runAs != nil, !Self.reachableByPostgres(root) {
            // The postgres user cannot reach a folder under, say, /root: keep the cluster where it can.
            base = "/var/lib/todo-api/" + String(UInt64(bitPattern: Int64(root.hashValueStable)), radix: 16)
            logger.notice("data directory \(root) is not reachable by the postgres user; the cluster lives in \(base)")
        }
        clusterDirectory = base + "/postgres"
        // Unix socket paths are limited to ~107 bytes.
        socketDirectory = (base + "/run").utf8.count < 90 ? base + "/run" : "/tmp/todo-api-" + String(UInt64(bitPattern: Int64(base.hashValueStable)), radix: 16)
    }

    static func findBinaries() -> String? {
        let fm = FileManager.default
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted(by: >)
        for version in versions {
            let bin = "/usr/lib/postgresql/\(version)/bin"
            if fm.isExecutableFile(atPath: bin + "/pg_ctl"), fm.isExecutableFile(atPath: bin + "/initdb") { return bin }
        }
        for bin in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        where fm.isExecutableFile(atPath: bin + "/pg_ctl") && fm.isExecutableFile(atPath: bin + "/initdb") {
            return bin
        }
        return nil
    }

    static func reachableByPostgres(_ path: String) -> Bool {
        var probe = path
        while !FileManager.default.fileExists(atPath: probe), probe != "/" { probe = (probe as NSString).deletingLastPathComponent }
        return (try? Self.execute(["/usr/sbin/runuser", "-u", "postgres", "--", "test", "-x", probe])) != nil
    }

    /// Creates the cluster if needed and starts it; returns once it accepts connections.
    public func start() throws {
        let fm = FileManager.default
        for directory in [clusterDirectory, socketDirectory] {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if runAs != nil { try Self.execute(["/bin/chown", "postgres:postgres", directory]) }
        }
        if !fm.fileExists(atPath: clusterDirectory + "/PG_VERSION") {
            logger.info("creating the embedded PostgreSQL cluster in \(clusterDirectory) (initdb)")
            try run(["initdb", "-D", clusterDirectory, "-U", "todo", "--auth=trust", "--encoding=UTF8", "--no-locale"])
        }
        if (try? run(["pg_ctl", "-D", clusterDirectory, "status"])) != nil {
            logger.info("embedded PostgreSQL is already running in \(clusterDirectory); using it")
            return
        }
        let options = "-c listen_addresses='' -c unix_socket_directories='\(socketDirectory)' -c max_connections=200"
        try run(["pg_ctl", "-D", clusterDirectory, "-l", clusterDirectory + "/server.log", "-o", options, "-w", "-t", "60", "start"])
        logger.info("embedded PostgreSQL started (socket \(socketDirectory))")
    }

    public func stop() {
        do {
            try run(["pg_ctl", "-D", clusterDirectory, "-m", "fast", "-w", "stop"])
            logger.info("embedded PostgreSQL stopped")
        } catch {
            logger.error("stopping embedded PostgreSQL failed: \(error)")
        }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        var command = [binDirectory + "/" + arguments[0]] + arguments.dropFirst()
        if let runAs { command = ["/usr/sbin/runuser", "-u", runAs, "--"] + command }
        return try Self.execute(command)
    }

    /// Runs a command to completion; its output, or a `ConfigurationProblem` carrying the output when it fails.
    @discardableResult
    static func execute(_ command: [String]) throws -> String {
        let result: (status: Int32, output: String)
        do {
            result = try ChildProcess.run(command)
        } catch {
            throw ConfigurationProblem(error.description)
        }
        guard result.status == 0 else {
            let program = command.first { $0.hasPrefix("/") && !$0.hasSuffix("runuser") } ?? command[0]
            throw ConfigurationProblem("\((program as NSString).lastPathComponent) failed: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return result.output
    }
}

extension String {
    /// FNV-1a: stable across runs, unlike `hashValue`.
    var hashValueStable: Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(bitPattern: UInt(hash))
    }
}
