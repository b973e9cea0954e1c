import Auth
import Foundation
import Synchronization
import Testing

@Suite("Isolation between users, and every way a token can be wrong", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct SecurityTests {
    let client: HTTPClient
    let database: String

    init() throws {
        client = try Shared.server.get().client
        database = try Shared.database.get()
    }

    func snapshot(_ userId: Int) throws -> [String] {
        try TestEnvironment.sql(
            database,
            "SELECT id::text || '|' || title || '|' || coalesce(description, '<null>') || '|' || completed::text || '|' || updated_at::text FROM tasks WHERE user_id = $1 ORDER BY id",
            [String(userId)]
        )
        .map { try $0.string(0) }
    }

    @Test func anotherUserCannotReachATaskOnAnyOfTheSixRoutes() throws {
        let alice = try TestUser.make(client)
        let bob = try TestUser.make(client)
        let task = try alice.createTask(client, "Alice's", description: "private")
        let taskId = try #require(task["id"] as? Int)
        let before = try snapshot(alice.id)

        // Bob with Alice's user_id: 403 on all six.
        let asAlice = "/api/\(alice.id)/tasks"
        let forbidden: [(String, String, String?)] = [
            ("GET", asAlice, nil), ("POST", asAlice, #"{"title":"x"}"#), ("GET", "\(asAlice)/\(taskId)", nil),
            ("PUT", "\(asAlice)/\(taskId)", #"{"title":"stolen"}"#), ("DELETE", "\(asAlice)/\(taskId)", nil),
            ("PATCH", "\(asAlice)/\(taskId)/complete", nil),
        ]
        for (method, path, body) in forbidden {
            let response = try client.request(method, path, body: body, token: bob.token)
            #expect(response.status == 403, "\(method) \(path)")
            #expect(response.detail == "Not authorized")
        }
        // Bob with his own user_id and Alice's task id: 404, as if it did not exist.
        let asBob = "/api/\(bob.id)/tasks/\(taskId)"
        for (method, path, body) in [
            ("GET", asBob, nil), ("PUT", asBob, #"{"title":"stolen"}"#), ("DELETE", asBob, nil), ("PATCH", asBob + "/complete", nil),
        ] as [(String, String, String?)] {
            let response = try client.request(method, path, body: body, token: bob.token)
            #expect(response.status == 404, "\(method) \(path)")
            #expect(response.detail == "Task not found")
        }
        let bobsList = try client.request("GET", "/api/\(bob.id)/tasks", token: bob.token)
        #expect(bobsList.text == "[]")
        #expect(try snapshot(alice.id) == before)
        #expect(try snapshot(bob.id).isEmpty)
    }

    @Test func everyBrokenTokenIsA401() throws {
        let user = try TestUser.make(client)
        let path = "/api/\(user.id)/tasks"
        let signer = try JWTSigner(secret: Array(TestEnvironment.jwtSecret.utf8))
        let expired = try signer.sign(subject: String(user.id), issuedAt: Date().addingTimeInterval(-7200), lifetime: 60)
        let otherKey = try JWTSigner(secret: Array("a different secret of enough length!!".utf8)).sign(subject: String(user.id), lifetime: 60)
        var tampered = Array(user.token.utf8)
        let middle = user.token.split(separator: ".")[0].count + 5
        tampered[middle] = tampered[middle] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let payload = Data(#"{"sub":"\#(user.id)","exp":9999999999}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")

        let cases: [(String, [String: String], String)] = [
            ("missing", [:], "Not authenticated"),
            ("other scheme", ["Authorization": "Basic \(user.token)"], "Not authenticated"),
            ("malformed", ["Authorization": "Bearer not-a-jwt"], "Could not validate credentials"),
            ("tampered", ["Authorization": "Bearer \(String(decoding: tampered, as: UTF8.self))"], "Could not validate credentials"),
            ("alg none", ["Authorization": "Bearer \(header).\(payload)."], "Could not validate credentials"),
            ("expired", ["Authorization": "Bearer \(expired)"], "Could not validate credentials"),
            ("other key", ["Authorization": "Bearer \(otherKey)"], "Could not validate credentials"),
        ]
        for (name, headers, detail) in cases {
            let response = try client.request("GET", path, headers: headers)
            #expect(response.status == 401, "\(name)")
            #expect(response.detail == detail, "\(name)")
            #expect(response.header("WWW-Authenticate") == "Bearer", "\(name)")
        }
        // A token in the query string is never read.
        #expect(try client.request("GET", path + "?access_token=\(user.token)&token=\(user.token)").status == 401)

        // The user is deleted: the still-valid token no longer works.
        _ = try TestEnvironment.sql(database, "DELETE FROM users WHERE id = $1 RETURNING id", [String(user.id)])
        let gone = try client.request("GET", "/api/auth/me", token: user.token)
        #expect(gone.status == 401)
        #expect(gone.detail == "Could not validate credentials")
        // Every task route checks the user in the same statement as the task: 401, never a 404 or a 500.
        let tasks = "/api/\(user.id)/tasks"
        for (method, route, body) in [
            ("GET", tasks, nil), ("POST", tasks, "{\"title\":\"x\"}"), ("GET", tasks + "/1", nil),
            ("PUT", tasks + "/1", "{\"title\":\"y\"}"), ("DELETE", tasks + "/1", nil),
            ("PATCH", tasks + "/1/complete", nil),
        ] as [(String, String, String?)] {
            var headers = ["Authorization": "Bearer \(user.token)"]
            if body != nil { headers["Content-Type"] = "application/json" }
            let response = try client.request(method, route, headers: headers, body: body)
            #expect(response.status == 401, "\(method) \(route)")
            #expect(response.detail == "Could not validate credentials", "\(method) \(route)")
            #expect(response.header("WWW-Authenticate") == "Bearer", "\(method) \(route)")
        }
    }

    @Test func twentyConcurrentRegistrationsOfOneEmailMakeOneUser() throws {
        let email = "race-\(UUID().uuidString.prefix(8))@example.com"
        let statuses = ConcurrentResults()
        let group = DispatchGroup()
        for index in 0..<20 {
            group.enter()
            Thread {
                let variant = index % 2 == 0 ? email : email.uppercased()
                let status = (try? client.json("POST", "/api/auth/register", ["email": variant, "password": "password-\(index)"]).status) ?? -1
                statuses.append(status)
                group.leave()
            }.start()
        }
        group.wait()
        let all = statuses.values.sorted()
        #expect(all.filter { $0 == 201 }.count == 1, "\(all)")
        #expect(all.filter { $0 == 409 }.count == 19, "\(all)")
        let rows = try TestEnvironment.sql(database, "SELECT count(*) FROM users WHERE lower(email) = lower($1)", [email])
        #expect(try rows.first?.int(0) == 1)
    }

    @Test func corsForConfiguredOriginsOnly() throws {
        let preflight = try client.request(
            "OPTIONS", "/api/1/tasks",
            headers: [
                "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type",
            ])
        #expect(preflight.status == 200)
        #expect(preflight.header("Access-Control-Allow-Origin") == "http://localhost:3000")
        #expect(preflight.header("Access-Control-Allow-Credentials") == "true")
        #expect(preflight.header("Access-Control-Allow-Headers") == "authorization,content-type")
        #expect(preflight.header("Access-Control-Allow-Methods")?.contains("PATCH") == true)

        let simple = try client.request("GET", "/health", headers: ["Origin": "https://app.example.com"])
        #expect(simple.header("Access-Control-Allow-Origin") == "https://app.example.com")
        #expect(
            simple.header("Access-Control-Expose-Headers") == "Retry-After, ETag, WWW-Authenticate, X-Total-Count, Idempotent-Replayed, X-Request-ID")

        let stranger = try client.request(
            "OPTIONS", "/api/1/tasks", headers: ["Origin": "https://evil.example", "Access-Control-Request-Method": "GET"])
        #expect(stranger.header("Access-Control-Allow-Origin") == nil)
        let strangerGet = try client.request("GET", "/health", headers: ["Origin": "https://evil.example"])
        #expect(strangerGet.status == 200)
        #expect(strangerGet.headers.allSatisfy { !$0.name.lowercased().hasPrefix("access-control") })
    }
}

final class ConcurrentResults: Sendable {
    private let storage = Mutex<[Int]>([])
    func append(_ value: Int) { storage.withLock { $0.append(value) } }
    var values: [Int] { storage.withLock { $0 } }
}
