import ChildProcess
import Foundation
import Testing
import TodoStore

@Suite("Start-up, migrations and the embedded database", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct LifecycleTests {
    @Test func migrationsAreIdempotentAndSafeFromTwoProcessesAtOnce() throws {
        let database = try TestEnvironment.freshDatabase("migrate")
        let env = ["DATABASE_URL": database, "LOG_LEVEL": "info"]
        let first = try ServerProcess.spawn(
            [TestEnvironment.binary, "migrate"], env: ProcessInfo.processInfo.environment.merging(env) { $1 }, output: "/dev/null")
        let second = try ServerProcess.spawn(
            [TestEnvironment.binary, "migrate"], env: ProcessInfo.processInfo.environment.merging(env) { $1 }, output: "/dev/null")
        for pid in [first, second] {
            #expect(ChildProcess.wait(pid) == 0)
        }
        let again = try ServerProcess.run([TestEnvironment.binary, "migrate"], env: env)
        #expect(again.status == 0)
        #expect(again.output.contains("schema is up to date"))
        let rows = try TestEnvironment.sql(database, "SELECT count(*) FROM schema_migrations")
        #expect(try rows.first?.int(0) == Migrations.all.count)
    }

    /// Behind a load balancer: after SIGTERM, `/ready` answers 503 while requests are still served for
    /// `DRAIN_DELAY`; then the listener closes and the process exits 0.
    @Test func sigtermDrainsBeforeTheListenerCloses() throws {
        let server = try ServerProcess(environment: [
            "DATABASE_URL": try TestEnvironment.freshDatabase("drain"), "JWT_SECRET": TestEnvironment.jwtSecret,
            "DRAIN_DELAY": "3", "LOG_LEVEL": "notice",
        ])
        #expect(try server.client.request("GET", "/ready").status == 200)
        let signalled = Date()
        kill(server.pid, SIGTERM)
        var sawDraining = false
        while Date().timeIntervalSince(signalled) < 2 {
            let ready = try server.client.request("GET", "/ready")
            if ready.status == 503 {
                sawDraining = true
                #expect(ready.header("Retry-After") == "1")
                #expect(ready.text.contains("Shutting down"))
                // Still serving everything else on new connections.
                #expect(try server.client.request("GET", "/health").status == 200)
                break
            }
            usleep(50_000)
        }
        #expect(sawDraining, "no 503 from /ready within 2 s of SIGTERM")
        let status = ChildProcess.wait(server.pid)
        let took = Date().timeIntervalSince(signalled)
        #expect(status == 0)
        #expect(took >= 2.9, "exited \(took) s after SIGTERM, before the 3 s drain")
        #expect(took < 10)
        #expect((try? server.client.request("GET", "/health")) == nil, "the port still answers after exit")
        #expect(server.log.contains("/ready answers 503"))
    }

    @Test func refusesToStartWithoutAUsableSecret() throws {
        let database = try TestEnvironment.freshDatabase("secret")
        let missing = try ServerProcess.run([TestEnvironment.binary, "serve", "--port", "0"], env: ["DATABASE_URL": database, "JWT_SECRET": ""])
        #expect(missing.status == 1)
        #expect(missing.output.contains("todo-api: error: JWT_SECRET is required with DATABASE_URL"))
        let short = try ServerProcess.run(
            [TestEnvironment.binary, "serve", "--port", "0"], env: ["DATABASE_URL": database, "JWT_SECRET": "too short"])
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

        // A second server on the same data directory refuses to start, in one line, and leaves the first alone.
        let second = try ServerProcess.run(
            [TestEnvironment.binary, "serve", "--port", "0", "--data-dir", dataDir], env: ["DATABASE_URL": "", "JWT_SECRET": ""])
        #expect(second.status == 1)
        #expect(second.output.contains("is using the data directory"))
        #expect(try restarted.client.request("GET", "/api/\(user.id)/tasks", token: user.token).status == 200)

        // The database dies under the server (kill -9 of the postmaster): requests get a retryable 503, never a
        // 500 or a hang, `/ready` says so while `/health` stays 200, and the supervisor brings it back.
        let pidFile = try String(contentsOfFile: dataDir + "/postgres/postmaster.pid", encoding: .utf8)
        let postmaster = try #require(pid_t(pidFile.split(separator: "\n")[0]))
        #expect(kill(postmaster, SIGKILL) == 0)
        var statuses: Set<Int> = []
        var readiness: Set<Int> = []
        let deadline = Date().addingTimeInterval(60)
        var healed = false
        while Date() < deadline, !healed {
            let list = try restarted.client.request("GET", "/api/\(user.id)/tasks", token: user.token)
            statuses.insert(list.status)
            readiness.insert(try restarted.client.request("GET", "/ready").status)
            #expect(try restarted.client.request("GET", "/health").status == 200)
            if list.status == 503 { #expect(list.header("Retry-After") == "1") }
            healed = list.status == 200 && list.text.contains("kept across restarts") && statuses.contains(503)
            usleep(100_000)
        }
        #expect(healed, "statuses seen: \(statuses)")
        #expect(statuses.isSubset(of: [200, 503]))
        #expect(readiness.contains(503))
        #expect(restarted.log.contains("embedded PostgreSQL exited unexpectedly"))
        #expect(restarted.stop() == 0)
    }
}
