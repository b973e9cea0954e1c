import CSpawn
import Foundation

/// Starting programs with posix_spawn: output to a file (not a pipe, which `pg_ctl start` would leave held open by
/// the server it forks), no standard input, and an exit status read with waitpid. Used by the embedded database
/// and by the integration tests that start the server.
public enum ChildProcess {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts `command` (an absolute path and its arguments) and returns its pid.
    public static func spawn(_ command: [String], environment: [String: String]? = nil, output: String) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else this process has open reaches the child. Sockets are not all close-on-exec: a PostgreSQL
        // restarted by the supervisor kept an HTTP connection accepted a moment before open in every one of its
        // processes, so that client never saw the connection close and waited 60 s for its answer to end.
        let closing = cspawn_addclosefrom(&actions, 3)
        guard closing == 0 else { throw Failure(description: "cannot run \(command[0]): \(String(cString: strerror(closing)))") }
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard result == 0 else { throw Failure(description: "cannot run \(command[0]): \(String(cString: strerror(result)))") }
        return pid
    }

    /// The exit status of `pid` once it ends (128 + signal when a signal ended it).
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Runs `command` to completion: its exit status and everything it printed.
    public static func run(_ command: [String], environment: [String: String]? = nil) throws(Failure) -> (status: Int32, output: String) {
        let output = NSTemporaryDirectory() + "todo-api-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = wait(try spawn(command, environment: environment, output: output))
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }
}
