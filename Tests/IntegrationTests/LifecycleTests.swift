import ChildProcess
import Foundation
import Testing
import TodoStore

@Suite("Start-up, migrations and the embedded database", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct LifecycleTests {
    @Test func migrationsAreIdempotentAndSafeFromTwoProcessesAtOnce() throws {
        let database = try TestEnvironment.freshDatabase("migrate")
        let env = ["DATABASE_URL": database, "LOG_LEVEL": "info"]
        let first = try ServerProcess.spawn([TestEnvironment.binary, "migrate"], env: ProcessInfo.processInfo.environment.merging(env) { $1 }, output: "/dev/null")
        let second = try ServerProcess.spawn([TestEnvironment.binary, "migrate"], env: ProcessInfo.processInfo.environment.merging(env) { $1 }, output: "/dev/null")
        for pid in [first, second] {
            #expect(ChildProcess.wait(pid) == 0)
        }
        let again = try ServerProcess.run([TestEnvironment.binary, "migrate"], env: env)
        #expect(again.status == 0)
        #expect(again.output.contains("schema is up to date"))
        let rows = try TestEnvironment.sql(database, "SELECT count(*) FROM schema_migrations")
        #expect(try rows.first?.int(0) == Migrations.all.count)
    }

    @Test func refusesToStartWithoutAUsableSecret() throws {
        let database = try TestEnvironment.freshDatabase("secret")
        let missing = try ServerProcess.run([TestEnvironment.binary, "serve", "--port", "0"], env: ["DATABASE_URL": database, "JWT_SECRET": ""])
        #expect(missing.status == 1)
        #expect(missing.output.contains("todo-api: error: JWT_SECRET is required with DATABASE_URL"))
        let short = try ServerProcess.run([TestEnvironment.binary, "serve", "--port", "0"], env: ["DATABASE_URL": database, "JWT_SECRET": "too short"])
        #expect(short.status == 1)
        #expect(short.output.contains("JWT_SECRET must be at least 32 bytes"))
        let badPort = try ServerProcess.run([TestEnvironment.binary, "serve"], env: ["PORT": "eighty"])
        #expect(badPort.status == 1)
        #expect(badPort.output.contains("PORT must be an integer"))
    }

    @Test func unreachableDatabaseIsOneClearLine() throws {
        let result = try ServerProcess.run([TestEnvironment.binary, "migrate"], env: ["DATABASE_URL": "host=127.0.0.1 port=1 connect_timeout=2"])
        #expect(result.status == 1)
        #expect(result.output.contains("todo-api: error:"))
    }

    @Test func embeddedDatabaseWhenNoURLIsGiven() throws {
        let dataDir = NSTemporaryDirectory() + "todo-api-embedded-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let server = try ServerProcess(arguments: ["--data-dir", dataDir], environment: ["DATABASE_URL": "", "JWT_SECRET": ""])
        let user = try TestUser.make(server.client)
        _ = try user.createTask(server.client, "kept across restarts")
        #expect(server.stop() == 0)
        #expect(server.log.contains("generated one and kept it in"))
        #expect(server.log.contains("embedded PostgreSQL stopped"))

        // A second start reuses the cluster, the data and the secret: the old token still works.
        let restarted = try ServerProcess(arguments: ["--data-dir", dataDir], environment: ["DATABASE_URL": "", "JWT_SECRET": ""])
        let list = try restarted.client.request("GET", "/api/\(user.id)/tasks", token: user.token)
        #expect(list.status == 200)
        #expect(list.text.contains("kept across restarts"))

        // The database goes away under the server: a retryable 503, never a 500 or a hang; it heals when it is back.
        let cluster = dataDir + "/postgres"
        let asOwner = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        let pgCtl = try #require(["15", "16", "17", "14"].map { "/usr/lib/postgresql/\($0)/bin/pg_ctl" }.first { FileManager.default.isExecutableFile(atPath: $0) })
        #expect(try ServerProcess.run(asOwner + [pgCtl, "-D", cluster, "-m", "immediate", "-w", "stop"], env: [:]).status == 0)
        let down = try restarted.client.request("GET", "/api/\(user.id)/tasks", token: user.token)
        #expect(down.status == 503)
        #expect(down.header("Retry-After") == "1")
        #expect(down.detail == "Service temporarily unavailable")
        let options = "-c listen_addresses='' -c unix_socket_directories='\(dataDir)/run'"
        #expect(try ServerProcess.run(asOwner + [pgCtl, "-D", cluster, "-l", cluster + "/server.log", "-o", options, "-w", "start"], env: [:]).status == 0)
        let back = try restarted.client.request("GET", "/api/\(user.id)/tasks", token: user.token)
        #expect(back.status == 200)
        #expect(back.text.contains("kept across restarts"))
        #expect(restarted.stop() == 0)
    }
}
