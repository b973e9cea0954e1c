import Foundation
import Testing

/// `GET /docs` over real HTTP: the reference the server renders from its spec, and the policy that keeps it inert.
@Suite("GET /docs", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct DocsPageTests {
    let client: HTTPClient

    init() throws {
        client = try Shared.server.get().client
    }

    @Test func theReferenceListsEveryOperationWithItsLimitsAndAuth() throws {
        let docs = try client.request("GET", "/docs")
        #expect(docs.status == 200)
        #expect(docs.header("Content-Type") == "text/html; charset=utf-8")
        let policy = try #require(docs.header("Content-Security-Policy"))
        #expect(policy.hasPrefix("default-src 'none';"))
        #expect(!policy.contains("http"), "no external origin is allowed")
        let page = docs.text
        #expect(page.hasPrefix("<!doctype html>"))
        let spec = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let operationIds = spec.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "operationId" else { return nil }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
        #expect(operationIds.count >= 13)
        for id in operationIds {
            #expect(page.contains("id=\"op-\(id)\""), "operation \(id) has no section")
            #expect(page.contains("<code class=\"opid\">\(id)</code>"))
        }
        for path in ["/api/{user_id}/tasks/{task_id}/complete", "/api/auth/register", "/health"] {
            #expect(page.contains("<code class=\"path\">\(path)</code>"))
        }
        // The title's limits from TaskFields, shown where the create body is described.
        let create = try section(page, "op-create_task")
        #expect(create.contains("<code class=\"name\">title</code> <span class=\"req\">required</span>"))
        #expect(create.contains("<span class=\"kw\">maxLength</span> 200"))
        #expect(create.contains("Requires <a href=\"#auth-HTTPBearer\">HTTPBearer</a>"))
        #expect(create.contains("-H &quot;Authorization: Bearer $TOKEN&quot;"))
        #expect(try section(page, "op-health").contains("No authentication"))
        #expect(page.contains("<a href=\"/openapi.yaml\">") && page.contains("<a href=\"/openapi.json\">"))
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http"), "no external asset or link")
    }

    @Test func docsIsNotAnOperationOfTheSpec() throws {
        let spec = try client.request("GET", "/openapi.yaml")
        #expect(!spec.text.contains("/docs:") && spec.text.contains("/openapi.json:"))
        let post = try client.request("POST", "/docs")
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET")
    }

    @Test func theSpecAsJSONHasTheSameContent() throws {
        let response = try client.request("GET", "/openapi.json")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let json = try response.object()
        #expect(json["openapi"] as? String == "3.1.0")
        #expect((json["info"] as? [String: Any])?["version"] as? String == "1.0.0")
        let paths = try #require(json["paths"] as? [String: Any])
        #expect(paths.count == 12)
        let tasks = try #require(paths["/api/{user_id}/tasks"] as? [String: Any])
        let list = try #require(tasks["get"] as? [String: Any])
        let limit = try #require((list["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "limit" })
        #expect((limit["schema"] as? [String: Any])?["maximum"] as? Int == 100)
        // The anchors of the YAML are expanded: the login email has the register email's limit.
        let schemas = try #require((json["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let login = try #require((schemas["UserLogin"] as? [String: Any])?["properties"] as? [String: Any])
        #expect((login["email"] as? [String: Any])?["maxLength"] as? Int == 254)
    }

    /// The text of the `<article>` with this id.
    func section(_ page: String, _ id: String) throws -> Substring {
        let start = try #require(page.range(of: "id=\"\(id)\""))
        let end = try #require(page[start.upperBound...].range(of: "</article>"))
        return page[start.lowerBound..<end.lowerBound]
    }
}
