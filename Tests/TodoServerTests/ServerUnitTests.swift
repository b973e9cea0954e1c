import Foundation
import Testing

@testable import TodoServer

@Suite("Configuration and load shedding, in process")
struct ServerUnitTests {
    @Test func environmentIsReadAndCheckedWithClearMessages() throws {
        let configuration = try ServerConfiguration(environment: [
            "HOST": "0.0.0.0", "PORT": "9000", "CORS_ORIGINS": "http://a.test, http://b.test ,", "DB_POOL_SIZE": "3",
            "ACCESS_TOKEN_TTL": "60", "LOG_LEVEL": "DEBUG", "DATABASE_URL": "host=/tmp dbname=x",
        ])
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9000)
        #expect(configuration.corsOrigins == ["http://a.test", "http://b.test"])
        #expect(configuration.databasePoolSize == 3)
        #expect(configuration.accessTokenTTL == 60)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.databaseURL == "host=/tmp dbname=x")

        let defaults = try ServerConfiguration(environment: ["DATABASE_URL": "  "])
        #expect(defaults.port == 8000)
        #expect(defaults.databaseURL == nil, "blank means unset: the embedded database")
        #expect(defaults.corsOrigins == ["http://localhost:3000"])

        #expect(throws: ConfigurationProblem.self) { try ServerConfiguration(environment: ["PORT": "70000"]) }
        #expect(throws: ConfigurationProblem.self) { try ServerConfiguration(environment: ["DB_POOL_SIZE": "0"]) }
        #expect(throws: ConfigurationProblem.self) { try ServerConfiguration(environment: ["DB_STATEMENTS": "named"]) }
        #expect(try ServerConfiguration(environment: ["DB_STATEMENTS": "Unnamed"]).databaseStatements == .unnamed)
        #expect(try ServerConfiguration(environment: [:]).databaseStatements == .prepared)
        #expect(try ServerConfiguration(environment: ["DRAIN_DELAY": "2"]).drainDelay == 2)
        #expect(throws: ConfigurationProblem.self) { try ServerConfiguration(environment: ["DRAIN_DELAY": "-1"]) }
        #expect(throws: ConfigurationProblem.self) { try ServerConfiguration(environment: ["LOG_LEVEL": "loud"]) }
    }

    @Test func hashingBeyondTheQueueIsRefusedNotQueuedForever() async throws {
        let limiter = HashLimiter(concurrency: 1, queueLimit: 1)
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let first = Task {
            try await limiter.run {
                started.signal()
                release.wait()
                return 1
            }
        }
        started.wait()
        let second = Task { try await limiter.run { 2 } }
        // Give the second call time to take the one waiting place.
        try await Task.sleep(for: .milliseconds(200))
        await #expect(throws: HashLimiter.Busy.self) { try await limiter.run { 3 } }
        release.signal()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        #expect(try await limiter.run { 4 } == 4)
    }
}
