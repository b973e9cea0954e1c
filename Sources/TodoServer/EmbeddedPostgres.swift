import ChildProcess
import Foundation
import Logging
import NIOConcurrencyHelpers

/// The default database when no `DATABASE_URL` is given: a private PostgreSQL cluster under the data
/// directory, created on first run (`initdb`), listening on a Unix socket only, stopped on shutdown.
/// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
///
/// One process owns a data directory at a time: `lock()` takes an exclusive `flock` on `todo-api.lock` in
/// it, so a second server on the same directory stops with one line instead of adopting (and later stopping)
/// the first one's cluster. While serving, `supervise()` watches the postmaster and starts it again, with
/// backoff, when it exits unexpectedly.
public final class EmbeddedPostgres: Sendable {
    let binDirectory: String
    let clusterDirectory: String
    let socketDirectory: String
    let runAs: String?
    let logger: Logger
    let lockPath: String
    private let supervision = NIOLockedValueBox(Supervision())

    private struct Supervision: Sendable {
        var lockDescriptor: Int32 = -1
        var startedHere = false
        var stopping = false
    }

    /// The libpq connection string of the running cluster.
    public var conninfo: String { "host=\(socketDirectory) dbname=postgres user=todo application_name=todo-api" }

    public init(dataDirectory: String, logger: Logger) throws(ConfigurationProblem) {
        guard let bin = Self.findBinaries() else {
            throw ConfigurationProblem("PostgreSQL server binaries (initdb, pg_ctl) not found; install them with: apt-get install -y postgresql")
        }
        binDirectory = bin
        self.logger = logger
        let root = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        lockPath = root + "/todo-api.lock"
        runAs = getuid() == 0 ? "postgres" : nil
        var base = root
        if runAs != nil, !Self.reachableByPostgres(root) {
            // The postgres user cannot reach a folder under, say, /root: keep the cluster where it can.
            base = "/var/lib/todo-api/" + String(UInt64(bitPattern: Int64(root.hashValueStable)), radix: 16)
            logger.notice("data directory \(root) is not reachable by the postgres user; the cluster lives in \(base)")
        }
        clusterDirectory = base + "/postgres"
        // Unix socket paths are limited to ~107 bytes.
        socketDirectory =
            (base + "/run").utf8.count < 90 ? base + "/run" : "/tmp/todo-api-" + String(UInt64(bitPattern: Int64(base.hashValueStable)), radix: 16)
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

    /// Takes the data directory for this process, or says which process has it.
    public func lock() throws(ConfigurationProblem) {
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ConfigurationProblem("cannot open \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw ConfigurationProblem(
                "another todo-api (pid \(holder.isEmpty ? "unknown" : holder)) is using the data directory \((lockPath as NSString).deletingLastPathComponent); stop it first or choose another --data-dir"
            )
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        supervision.withLockedValue { $0.lockDescriptor = descriptor }
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
        if isRunning {
            // Left behind by a todo-api that did not shut down cleanly (this process holds the lock): use it,
            // and leave it running at exit, as found.
            logger.notice("embedded PostgreSQL is already running in \(clusterDirectory); using it")
            return
        }
        try launch()
        supervision.withLockedValue { $0.startedHere = true }
    }

    private func launch() throws {
        let options = "-c listen_addresses='' -c unix_socket_directories='\(socketDirectory)' -c max_connections=200"
        try run(["pg_ctl", "-D", clusterDirectory, "-l", clusterDirectory + "/server.log", "-o", options, "-w", "-t", "60", "start"])
        logger.info("embedded PostgreSQL started (socket \(socketDirectory))")
    }

    /// Whether the postmaster named in `postmaster.pid` is alive.
    var isRunning: Bool {
        guard let text = try? String(contentsOfFile: clusterDirectory + "/postmaster.pid", encoding: .utf8),
            let pid = text.split(separator: "\n").first.flatMap({ pid_t($0.trimmingCharacters(in: .whitespaces)) }), pid > 0
        else {
            return false
        }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Watches the postmaster every half second; when it is gone, starts it again after 0.5 s, 1 s, 2 s, ...
    /// up to 30 s between attempts, logging each. Requests answer 503 meanwhile, and `/ready` says so.
    public func supervise() {
        let thread = Thread { [self] in
            var delay = 0.5
            while !supervision.withLockedValue({ $0.stopping }) {
                Thread.sleep(forTimeInterval: 0.5)
                guard !isRunning, !supervision.withLockedValue({ $0.stopping }) else { continue }
                logger.error("embedded PostgreSQL exited unexpectedly; starting it again in \(delay) s")
                Thread.sleep(forTimeInterval: delay)
                guard !supervision.withLockedValue({ $0.stopping }) else { break }
                do {
                    try launch()
                    supervision.withLockedValue { $0.startedHere = true }
                    delay = 0.5
                } catch {
                    logger.error("restarting embedded PostgreSQL failed: \(error)")
                    delay = min(delay * 2, 30)
                }
            }
        }
        thread.name = "embedded-postgres-supervisor"
        thread.start()
    }

    /// Stops supervising, stops the cluster if this process started it, and releases the data directory.
    public func stop() {
        let (startedHere, descriptor) = supervision.withLockedValue { state in
            state.stopping = true
            return (state.startedHere, state.lockDescriptor)
        }
        if startedHere {
            do {
                try run(["pg_ctl", "-D", clusterDirectory, "-m", "fast", "-w", "stop"])
                logger.info("embedded PostgreSQL stopped")
            } catch {
                logger.error("stopping embedded PostgreSQL failed: \(error)")
            }
        }
        if descriptor >= 0 { close(descriptor) }
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
            throw ConfigurationProblem(
                "\((program as NSString).lastPathComponent) failed: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
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
