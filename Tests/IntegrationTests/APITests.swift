import Foundation
import Testing

@Suite("The Todo API over HTTP against PostgreSQL", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct APITests {
    let client: HTTPClient
    let database: String

    init() throws {
        client = try Shared.server.get().client
        database = try Shared.database.get()
    }

    @Test func healthAndTheSpecByteForByte() throws {
        let health = try client.request("GET", "/health")
        #expect(health.status == 200)
        #expect(health.text == #"{"status":"healthy"}"#)
        let spec = try client.request("GET", "/openapi.yaml")
        #expect(spec.status == 200)
        #expect(spec.header("Content-Type") == "application/yaml")
        #expect(spec.body == (try Data(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("openapi.yaml"))))
    }

    @Test func unknownRoutesWrongMethodsAndWrongContentTypes() throws {
        let missing = try client.request("GET", "/api/nothing/here")
        #expect(missing.status == 404)
        #expect(missing.text == #"{"detail":"Not Found"}"#)
        let method = try client.request("DELETE", "/health")
        #expect(method.status == 405)
        #expect(method.header("Allow") == "GET")
        #expect(method.detail == "Method Not Allowed")
        let form = try client.request("POST", "/api/auth/register", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: "email=a")
        #expect(form.status == 415)
        #expect(form.detail == "Unsupported Media Type")
    }

    @Test func hostileBodiesGetAClearAnswerAndTheServerStaysUp() throws {
        let huge = try client.request("POST", "/api/auth/register", body: "[" + String(repeating: "1,", count: 1_600_000) + "1]")
        #expect(huge.status == 413)
        #expect(huge.detail == "Content Too Large: the body may have at most 65536 bytes")
        let deep = try client.request("POST", "/api/auth/register", body: String(repeating: "[", count: 50_000))
        #expect(deep.status == 422)
        #expect((try deep.object()["detail"] as? [[String: Any]])?.first?["type"] as? String == "json_invalid")
        let notUTF8 = try client.exchange(
            Data(
                "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n\"".utf8)
                + Data([0xC3, 0x28]) + Data("\"".utf8))
        #expect(notUTF8.status == 422)
        let wrongTypes = try client.json("POST", "/api/auth/login", ["email": ["a"], "password": 12_345_678])
        #expect(wrongTypes.status == 422)
        #expect((try wrongTypes.object()["detail"] as? [[String: Any]])?.map { $0["type"] as? String ?? "" } == ["string_type", "string_type"])
        #expect(try client.request("GET", "/health").status == 200)
    }

    @Test func registerLoginAndMe() throws {
        let email = "Mixed.Case-\(UUID().uuidString.prefix(8))@Example.com"
        let created = try client.json("POST", "/api/auth/register", ["email": email, "password": "long enough", "name": "Ada"])
        #expect(created.status == 201)
        let user = try created.object()
        #expect(Set(user.keys) == ["id", "email", "name", "created_at"])
        #expect(user["email"] as? String == email)
        #expect(user["name"] as? String == "Ada")
        #expect((user["created_at"] as? String)?.hasSuffix("Z") == true)
        #expect(created.text.hasPrefix(#"{"id":"#), "members in spec order")

        let again = try client.json("POST", "/api/auth/register", ["email": email.uppercased(), "password": "long enough"])
        #expect(again.status == 409)
        #expect(again.text == #"{"detail":"Email already registered"}"#)

        let login = try client.json("POST", "/api/auth/login", ["email": email.lowercased(), "password": "long enough"])
        #expect(login.status == 200)
        let token = try login.object()
        #expect(token["token_type"] as? String == "bearer")
        #expect(token["expires_in"] as? Int == 1800)
        let accessToken = try #require(token["access_token"] as? String)

        // The scheme is case-insensitive (RFC 7235).
        let me = try client.request("GET", "/api/auth/me", headers: ["Authorization": "bearer \(accessToken)"])
        #expect(me.status == 200)
        #expect(try me.object()["id"] as? Int == user["id"] as? Int)
    }

    @Test func loginFailuresLookTheSame() throws {
        let user = try TestUser.make(client)
        let wrong = try client.json("POST", "/api/auth/login", ["email": user.email, "password": "not the password"])
        let unknown = try client.json("POST", "/api/auth/login", ["email": "nobody-\(UUID())@example.com", "password": "whatever1"])
        for response in [wrong, unknown] {
            #expect(response.status == 401)
            #expect(response.text == #"{"detail":"Incorrect email or password"}"#)
            #expect(response.header("WWW-Authenticate") == "Bearer")
        }
    }

    @Test func registrationValidationListsEveryViolation() throws {
        let response = try client.json(
            "POST", "/api/auth/register", ["email": "not-an-email", "password": "short", "name": String(repeating: "n", count: 101)])
        #expect(response.status == 422)
        let detail = try #require(try response.object()["detail"] as? [[String: Any]])
        #expect(detail.map { $0["loc"] as? [String] ?? [] } == [["body", "email"], ["body", "password"], ["body", "name"]])
        #expect(detail.map { $0["type"] as? String ?? "" } == ["value_error", "string_too_short", "string_too_long"])
        #expect(detail[1]["msg"] as? String == "String should have at least 8 characters")
        // A password is `writeOnly`: a 422 never echoes it.
        #expect(detail[1]["input"] as? String == "[redacted]")
        #expect(!response.text.contains(#""input":"short""#))

        let broken = try client.request("POST", "/api/auth/register", body: #"{"email": "#)
        #expect(broken.status == 422)
        #expect(
            broken.text
                == #"{"detail":[{"type":"json_invalid","loc":["body",10],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]}"#)

        let empty = try client.request("POST", "/api/auth/register", headers: ["Content-Type": "application/json"])
        #expect(empty.status == 422)
        #expect(empty.text == #"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#)
    }

    @Test func taskLifecycle() throws {
        let user = try TestUser.make(client)
        let created = try user.createTask(client, "Write tests", description: "many")
        #expect(Set(created.keys) == ["id", "title", "description", "completed", "created_at", "updated_at"])
        #expect(created["completed"] as? Bool == false)
        let id = try #require(created["id"] as? Int)
        let base = "/api/\(user.id)/tasks/\(id)"

        let fetched = try client.request("GET", base, token: user.token)
        #expect(fetched.status == 200)
        #expect(try fetched.object()["title"] as? String == "Write tests")

        // Partial update: only what is sent changes.
        let renamed = try client.json("PUT", base, ["title": "Write more tests"], token: user.token)
        #expect(renamed.status == 200)
        let renamedBody = try renamed.object()
        #expect(renamedBody["title"] as? String == "Write more tests")
        #expect(renamedBody["description"] as? String == "many")
        #expect((renamedBody["updated_at"] as? String ?? "") > (created["updated_at"] as? String ?? "~"))

        // null clears the description; absent would have kept it.
        let cleared = try client.json("PUT", base, ["description": NSNull(), "completed": true], token: user.token)
        #expect(cleared.status == 200)
        #expect(cleared.text.contains(#""description":null"#))
        #expect(try cleared.object()["completed"] as? Bool == true)

        let toggled = try client.request("PATCH", base + "/complete", token: user.token)
        #expect(toggled.status == 200)
        #expect(try toggled.object()["completed"] as? Bool == false)

        let invalid = try client.json("PUT", base, ["title": ""], token: user.token)
        #expect(invalid.status == 422)

        let deleted = try client.request("DELETE", base, token: user.token)
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        for method in ["GET", "DELETE"] {
            let gone = try client.request(method, base, token: user.token)
            #expect(gone.status == 404)
            #expect(gone.detail == "Task not found")
        }
        #expect(try client.request("PATCH", base + "/complete", token: user.token).status == 404)
    }

    @Test func orderingFilteringAndPagination() throws {
        let user = try TestUser.make(client)
        var ids: [Int] = []
        for index in 1...5 { ids.append(try user.createTask(client, "task \(index)")["id"] as? Int ?? 0) }
        _ = try client.request("PATCH", "/api/\(user.id)/tasks/\(ids[1])/complete", token: user.token)

        let all = try client.request("GET", "/api/\(user.id)/tasks", token: user.token)
        #expect(all.status == 200)
        #expect(all.header("X-Total-Count") == "5")
        #expect((try all.json() as? [[String: Any]])?.compactMap { $0["id"] as? Int } == ids.reversed())

        let page = try client.request("GET", "/api/\(user.id)/tasks?limit=2&offset=1", token: user.token)
        #expect(page.header("X-Total-Count") == "5")
        #expect((try page.json() as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [ids[3], ids[2]])

        let done = try client.request("GET", "/api/\(user.id)/tasks?completed=true", token: user.token)
        #expect(done.header("X-Total-Count") == "1")
        #expect((try done.json() as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [ids[1]])

        let beyond = try client.request("GET", "/api/\(user.id)/tasks?offset=50", token: user.token)
        #expect(beyond.text == "[]")
        #expect(beyond.header("X-Total-Count") == "5")

        let bad = try client.request("GET", "/api/\(user.id)/tasks?limit=101&offset=-1&completed=maybe", token: user.token)
        #expect(bad.status == 422)
        let locs = (try bad.object()["detail"] as? [[String: Any]])?.map { $0["loc"] as? [String] ?? [] }
        #expect(locs == [["query", "completed"], ["query", "limit"], ["query", "offset"]])

        let badPath = try client.request("GET", "/api/\(user.id)/tasks/abc", token: user.token)
        #expect(badPath.status == 422)
        #expect((try badPath.object()["detail"] as? [[String: Any]])?.first?["loc"] as? [String] == ["path", "task_id"])
    }
}
