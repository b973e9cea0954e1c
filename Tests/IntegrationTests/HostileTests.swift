import Auth
import CryptoPrimitives
import Foundation
import Synchronization
import Testing

/// The findings of the attacker's pass (issue 7), each over real HTTP against the shared server or one of its
/// own: what used to be stored wrong, answered 500 or 200, or leaked, now refused or hidden.
@Suite("Hostile input, tokens, idempotency and leaks", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct HostileTests {
    let client: HTTPClient
    let database: String

    init() throws {
        client = try Shared.server.get().client
        database = try Shared.database.get()
    }

    func titles(_ userId: Int) throws -> [String] {
        try TestEnvironment.sql(database, "SELECT title FROM tasks WHERE user_id = $1 ORDER BY id", [String(userId)]).map { try $0.string(0) }
    }

    @Test func nulAndLoneSurrogatesAreRefusedInEveryString() throws {
        let user = try TestUser.make(client)
        let task = try user.createTask(client, "kept")
        let taskId = try #require(task["id"] as? Int)
        let bodies: [(String, String, String)] = [
            ("POST", "/api/\(user.id)/tasks", #"{"title":"a\u0000b"}"#),
            ("POST", "/api/\(user.id)/tasks", #"{"title":"\u0000x"}"#),
            ("POST", "/api/\(user.id)/tasks", #"{"title":"ok","description":"d\u0000"}"#),
            ("POST", "/api/\(user.id)/tasks", #"{"title":"\ud800x"}"#),
            ("POST", "/api/\(user.id)/tasks", #"{"title":"x\udc00"}"#),
            ("PUT", "/api/\(user.id)/tasks/\(taskId)", #"{"title":"a\u0000b"}"#),
            ("PUT", "/api/\(user.id)/tasks/\(taskId)", #"{"description":"\ud83d"}"#),
            ("POST", "/api/auth/register", #"{"email":"nul\u0000@example.com","password":"password123"}"#),
            ("POST", "/api/auth/register", #"{"email":"nul@example.com","password":"pass\u0000word123","name":"n"}"#),
            ("POST", "/api/auth/register", #"{"email":"nul2@example.com","password":"password123","name":"a\u0000"}"#),
        ]
        for (method, path, body) in bodies {
            let response = try client.request(method, path, body: body, token: user.token)
            #expect(response.status == 422, "\(method) \(path) \(body): \(response.text)")
            #expect(try response.object()["detail"] is [Any], "\(body)")
        }
        #expect(try titles(user.id) == ["kept"])
        // A surrogate pair is a real character, and is kept.
        let emoji = try client.request("POST", "/api/\(user.id)/tasks", body: #"{"title":"\ud83d\ude00"}"#, token: user.token)
        #expect(emoji.status == 201)
        #expect(try titles(user.id) == ["kept", "😀"])
    }

    @Test func idsAreDecimalDigitsOnly() throws {
        let user = try TestUser.make(client)
        let task = try user.createTask(client, "one")
        let taskId = try #require(task["id"] as? Int)
        #expect(try client.request("GET", "/api/\(user.id)/tasks/\(taskId)", token: user.token).status == 200)
        for spelling in [
            "0x\(String(taskId, radix: 16))", "\(taskId)e0", "\(taskId)%00", "+\(taskId)", "%20\(taskId)", "\(taskId)%20", "\(taskId).0",
        ] {
            let response = try client.request("GET", "/api/\(user.id)/tasks/\(spelling)", token: user.token)
            #expect(response.status == 422, "\(spelling): \(response.status)")
        }
        let userSpelling = try client.request("GET", "/api/0x\(String(user.id, radix: 16))/tasks", token: user.token)
        #expect(userSpelling.status == 422)
    }

    @Test func logoutAndPasswordChangeRevokeEarlierTokens() throws {
        let user = try TestUser.make(client)
        let second = try client.json("POST", "/api/auth/login", ["email": user.email, "password": user.password])
        let secondToken = try #require(try second.object()["access_token"] as? String)
        _ = try user.createTask(client, "before")

        #expect(try client.request("POST", "/api/auth/logout", token: secondToken).status == 204)
        for token in [user.token, secondToken] {
            #expect(try client.request("GET", "/api/auth/me", token: token).status == 401)
            #expect(try client.request("GET", "/api/\(user.id)/tasks", token: token).status == 401)
            #expect(try client.json("POST", "/api/\(user.id)/tasks", ["title": "after"], token: token).status == 401)
        }
        #expect(try client.request("POST", "/api/auth/logout", token: secondToken).status == 401)
        #expect(try titles(user.id) == ["before"])

        let fresh = try client.json("POST", "/api/auth/login", ["email": user.email, "password": user.password])
        let token = try #require(try fresh.object()["access_token"] as? String)
        let wrong = try client.json(
            "POST", "/api/auth/password", ["current_password": "not it at all", "new_password": "a new password"], token: token)
        #expect(wrong.status == 403)
        #expect(wrong.detail == "Current password is incorrect")
        #expect(try client.request("GET", "/api/auth/me", token: token).status == 200)
        let changed = try client.json(
            "POST", "/api/auth/password", ["current_password": user.password, "new_password": "a new password"], token: token)
        #expect(changed.status == 204)
        #expect(try client.request("GET", "/api/auth/me", token: token).status == 401)
        #expect(try client.json("POST", "/api/auth/login", ["email": user.email, "password": user.password]).status == 401)
        #expect(try client.json("POST", "/api/auth/login", ["email": user.email, "password": "a new password"]).status == 200)
    }

    @Test func tokensMustBeCanonicalCarryIatAndNotOutliveTheLifetime() throws {
        let user = try TestUser.make(client)
        let path = "/api/\(user.id)/tasks"
        // The last character of a 32-byte signature carries 4 bits that must be zero: 3 other characters
        // decode to the same bytes, and are refused.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let last = try #require(user.token.last)
        let index = try #require(alphabet.firstIndex(of: last))
        for variant in 1..<4 {
            let forged = String(user.token.dropLast()) + String(alphabet[(index & ~3) | ((index + variant) & 3)])
            #expect(try client.request("GET", path, token: forged).status == 401, "variant \(variant)")
        }
        #expect(try client.request("GET", path, token: user.token).status == 200)

        func forge(_ claims: String) -> String {
            func encode(_ text: String) -> String {
                Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                    .replacingOccurrences(of: "=", with: "")
            }
            let input = encode(#"{"alg":"HS256","typ":"JWT"}"#) + "." + encode(claims)
            let mac = (try? Crypto.hmacSHA256(key: Array(TestEnvironment.jwtSecret.utf8), message: Array(input.utf8))) ?? []
            let signature = Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            return input + "." + signature
        }
        let now = Int(Date().timeIntervalSince1970)
        let noIat = forge(#"{"exp":\#(now + 600),"sub":"\#(user.id)"}"#)
        let tooLong = forge(#"{"exp":\#(now + 400 * 86400),"iat":\#(now),"sub":"\#(user.id)"}"#)
        let fine = forge(#"{"exp":\#(now + 600),"iat":\#(now),"sub":"\#(user.id)"}"#)
        #expect(try client.request("GET", path, token: noIat).status == 401)
        #expect(try client.request("GET", path, token: tooLong).status == 401)
        #expect(try client.request("GET", path, token: fine).status == 200)
    }

    @Test func anIdempotencyKeyMakesRetriesSafe() throws {
        let user = try TestUser.make(client)
        let path = "/api/\(user.id)/tasks"
        let key = UUID().uuidString
        let first = try client.request(
            "POST", path, headers: ["Idempotency-Key": key], body: #"{"title":"once","description":"d"}"#, token: user.token)
        #expect(first.status == 201)
        #expect(first.header("Idempotent-Replayed") == nil)
        let again = try client.request(
            "POST", path, headers: ["Idempotency-Key": key], body: #"{"title":"once","description":"d"}"#, token: user.token)
        #expect(again.status == 201)
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(again.body == first.body)
        let other = try client.request("POST", path, headers: ["Idempotency-Key": key], body: #"{"title":"twice"}"#, token: user.token)
        #expect(other.status == 409)
        #expect(try titles(user.id) == ["once"])

        // Twenty at once with one new key: exactly one task, every 201 the same answer, the rest 409.
        let racing = UUID().uuidString
        let answers = Mutex<[HTTPResponse]>([])
        DispatchQueue.concurrentPerform(iterations: 20) { _ in
            if let response = try? client.request("POST", path, headers: ["Idempotency-Key": racing], body: #"{"title":"raced"}"#, token: user.token)
            {
                answers.withLock { $0.append(response) }
            }
        }
        let all = answers.withLock { $0 }
        #expect(all.count == 20)
        #expect(all.allSatisfy { $0.status == 201 || $0.status == 409 })
        #expect(Set(all.filter { $0.status == 201 }.map(\.body)).count == 1)
        #expect(try titles(user.id) == ["once", "raced"])

        // The key's task deleted since: a replay would describe a task that is gone, so it is 409.
        let onceId = try #require(try first.object()["id"] as? Int)
        #expect(try client.request("DELETE", "\(path)/\(onceId)", token: user.token).status == 204)
        let afterDelete = try client.request(
            "POST", path, headers: ["Idempotency-Key": key], body: #"{"title":"once","description":"d"}"#, token: user.token)
        #expect(afterDelete.status == 409)
        #expect(afterDelete.detail == "The task created with this Idempotency-Key has been deleted since")

        // Another user's identical key is their own.
        let other2 = try TestUser.make(client)
        let theirs = try client.request(
            "POST", "/api/\(other2.id)/tasks", headers: ["Idempotency-Key": key], body: #"{"title":"once","description":"d"}"#, token: other2.token)
        #expect(theirs.status == 201)
        #expect(theirs.header("Idempotent-Replayed") == nil)
        #expect(
            try client.request(
                "POST", path, headers: ["Idempotency-Key": String(repeating: "k", count: 256)], body: #"{"title":"x"}"#, token: user.token
            ).status == 422)
    }

    @Test func responsesDoNotLeak() throws {
        let user = try TestUser.make(client)
        let login = try client.json("POST", "/api/auth/login", ["email": user.email, "password": user.password])
        #expect(login.header("Cache-Control") == "no-store")
        let answers = [
            login,
            try client.request("GET", "/health"),
            try client.request("GET", "/api/\(user.id)/tasks", token: user.token),
            try client.request("GET", "/api/\(user.id)/tasks"),
            try client.request("GET", "/nowhere"),
            try client.json("POST", "/api/auth/register", ["email": "x", "password": 12_345_678]),
        ]
        for answer in answers {
            #expect(answer.header("X-Content-Type-Options") == "nosniff", "\(answer.status)")
        }
        let secret = "my secret password that is too long" + String(repeating: "!", count: 1_000)
        let tooLong = try client.json("POST", "/api/auth/register", ["email": "leak@example.com", "password": secret])
        #expect(tooLong.status == 422)
        #expect(!tooLong.text.contains("my secret password"))
        let missingEmail = try client.json("POST", "/api/auth/login", ["password": "hunter2hunter2"])
        #expect(missingEmail.status == 422)
        #expect(!missingEmail.text.contains("hunter2"))
    }

    @Test func protocolEdgesGetJSONAnswers() throws {
        let head = try client.request("HEAD", "/health")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == "20")
        let trace = try client.request("TRACE", "/api/auth/me")
        #expect(trace.status == 405)
        #expect(trace.detail == "Method Not Allowed")
        let brew = try client.exchange(Data("BREW /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(brew.status == 501)
        #expect(try brew.object()["detail"] is String)
        let longURL = try client.exchange(Data("GET /\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(longURL.status == 414)
        let bigHeader = try client.exchange(Data("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 100_000))\r\n\r\n".utf8))
        #expect(bigHeader.status == 431)
        // Announced too large: answered at once, without waiting for a body that never comes.
        let started = Date()
        let announced = try client.exchange(
            Data("POST /api/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n\r\n".utf8))
        #expect(announced.status == 413)
        #expect(Date().timeIntervalSince(started) < 5)
        let noHost = try client.exchange(Data("GET /health HTTP/1.1\r\n\r\n".utf8))
        #expect(noHost.status == 400)
        let twoHosts = try client.exchange(Data("GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n".utf8))
        #expect(twoHosts.status == 400)
        // HTTP/1.0 without keep-alive: answered, then closed (exchange reads until the server closes).
        let old = try client.exchange(Data("GET /health HTTP/1.0\r\n\r\n".utf8))
        #expect(old.status == 200)
    }
}

@Suite("Login storms", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct LoginThrottleTests {
    @Test func failuresAreThrottledPerEmailAndPerAddressWithoutLockingOutTheOwner() throws {
        let database = try TestEnvironment.freshDatabase("throttle")
        let server = try ServerProcess(environment: [
            "DATABASE_URL": database, "JWT_SECRET": TestEnvironment.jwtSecret, "LOG_LEVEL": "warning",
            "LOGIN_FAILURES_PER_EMAIL": "3", "LOGIN_FAILURES_PER_ADDRESS": "8", "LOGIN_FAILURE_WINDOW": "60",
        ])
        defer { _ = server.stop() }
        let client = server.client
        let owner = try TestUser.make(client)  // logged in once from 127.0.0.1: this address is trusted for it
        let victim = "victim-\(UUID().uuidString.prefix(8))@example.com"
        #expect(try client.json("POST", "/api/auth/register", ["email": victim, "password": "the right one"]).status == 201)

        // Per email: three failures, then 429 with Retry-After, even with the right password (not trusted here).
        let statuses = try (0..<4).map { _ in try client.json("POST", "/api/auth/login", ["email": victim, "password": "wrong guess"]).status }
        #expect(statuses == [401, 401, 401, 429])
        let held = try client.json("POST", "/api/auth/login", ["email": victim, "password": "the right one"])
        #expect(held.status == 429)
        #expect(Int(held.header("Retry-After") ?? "") ?? 0 >= 1)

        // Failures on an account from an address that logged in to it before are not counted at all: its owner
        // is never locked out by guesses, and the address is not held back either.
        for _ in 0..<5 { #expect(try client.json("POST", "/api/auth/login", ["email": owner.email, "password": "wrong guess"]).status == 401) }
        #expect(try client.json("POST", "/api/auth/login", ["email": owner.email, "password": owner.password]).status == 200)

        // Per address: 8 counted failures in all (3 above, 5 more here on other emails), then everything is 429.
        for index in 0..<5 {
            #expect(try client.json("POST", "/api/auth/login", ["email": "nobody\(index)@example.com", "password": "wrong guess"]).status == 401)
        }
        let blocked = try client.json("POST", "/api/auth/login", ["email": "someone-else@example.com", "password": "wrong guess"])
        #expect(blocked.status == 429)
        #expect(blocked.detail == "Too many failed login attempts, retry later")
        // Other routes are not throttled.
        #expect(try client.request("GET", "/api/\(owner.id)/tasks", token: owner.token).status == 200)
    }
}
