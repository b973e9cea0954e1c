import Foundation
import Testing

/// What the frontend team and their tools fetch: the spec as YAML and as JSON, revalidated by entity tag, and
/// login as FastAPI's OAuth2 password flow sends it.
@Suite("Publishing the contract over HTTP", .enabled(if: TestEnvironment.available, TestEnvironment.skipReason))
struct PublishingTests {
    let client: HTTPClient

    init() throws {
        client = try Shared.server.get().client
    }

    /// The paths and component schema names, read off the YAML's indentation (the spec's own style: two spaces).
    static func specOutline() throws -> (paths: Set<String>, schemas: Set<String>) {
        let text = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var paths: Set<String> = []
        var schemas: Set<String> = []
        var section = ""
        var subsection = ""
        for line in text.split(separator: "\n") where line.hasSuffix(":") {
            let indent = line.prefix { $0 == " " }.count
            let key = String(line.dropFirst(indent).dropLast())
            switch indent {
            case 0: section = key
            case 2:
                subsection = key
                if section == "paths" { paths.insert(key) }
            case 4 where section == "components" && subsection == "schemas": schemas.insert(key)
            default: break
            }
        }
        return (paths, schemas)
    }

    @Test func theJSONIsTheSameDocument() throws {
        let response = try client.request("GET", "/openapi.json")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let document = try response.object()
        let outline = try Self.specOutline()
        #expect(outline.paths.count >= 12 && outline.schemas.count >= 15)
        #expect(document["openapi"] as? String == "3.1.0")
        #expect(Set((document["paths"] as? [String: Any] ?? [:]).keys) == outline.paths)
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        #expect(Set(schemas.keys) == outline.schemas)
        // YAML typing survived: numbers are numbers, quoted status codes are strings, anchors are expanded.
        let userId = ((document["components"] as? [String: Any])?["parameters"] as? [String: Any])?["UserId"] as? [String: Any]
        #expect((userId?["schema"] as? [String: Any])?["maximum"] as? Int == Int.max)
        #expect((userId?["required"] as? Bool) == true)
        let login = schemas["UserLogin"] as? [String: Any]
        #expect(((login?["properties"] as? [String: Any])?["email"] as? [String: Any])?["maxLength"] as? Int == 254)
        let health = ((document["paths"] as? [String: Any])?["/health"] as? [String: Any])?["get"] as? [String: Any]
        #expect((health?["responses"] as? [String: Any])?.keys.sorted() == ["200"])
    }

    @Test(arguments: ["/openapi.yaml", "/openapi.json"])
    func strongEntityTagsAndNotModified(path: String) throws {
        let first = try client.request("GET", path)
        #expect(first.status == 200)
        let tag = try #require(first.header("ETag"))
        #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count == 34, "a strong tag: \(tag)")
        #expect(try client.request("GET", path).header("ETag") == tag, "the same bytes, the same tag")

        for ifNoneMatch in [tag, "W/\(tag)", "\"other\", \(tag)", "*"] {
            let again = try client.request("GET", path, headers: ["If-None-Match": ifNoneMatch])
            #expect(again.status == 304, "If-None-Match: \(ifNoneMatch)")
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == tag)
        }
        for ifNoneMatch in ["\"other\"", String(tag.dropLast()), "W/\"\(tag)\""] {
            let changed = try client.request("GET", path, headers: ["If-None-Match": ifNoneMatch])
            #expect(changed.status == 200, "If-None-Match: \(ifNoneMatch)")
            #expect(changed.body == first.body)
        }
        let tooLong = try client.request("GET", path, headers: ["If-None-Match": String(repeating: "a", count: 5000)])
        #expect(tooLong.status == 422)
    }

    @Test func theTwoDocumentsHaveTheirOwnTags() throws {
        let yaml = try client.request("GET", "/openapi.yaml").header("ETag")
        let json = try client.request("GET", "/openapi.json").header("ETag")
        #expect(yaml != nil && json != nil && yaml != json)
        #expect(try client.request("GET", "/openapi.json", headers: ["If-None-Match": yaml ?? ""]).status == 200)
    }

    @Test func loginWithTheOAuth2PasswordForm() throws {
        let user = try TestUser.make(client)
        let form = ["Content-Type": "application/x-www-form-urlencoded"]
        let encodedEmail = user.email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? user.email
        let ok = try client.request(
            "POST", "/api/auth/login", headers: form,
            body: "grant_type=password&username=\(encodedEmail)&password=\(user.password.replacingOccurrences(of: " ", with: "+"))&scope=")
        #expect(ok.status == 200, "\(ok.text)")
        let token = try #require(try ok.object()["access_token"] as? String)
        #expect(try client.request("GET", "/api/auth/me", token: token).status == 200)

        let wrong = try client.request("POST", "/api/auth/login", headers: form, body: "username=\(encodedEmail)&password=wrong")
        #expect(wrong.status == 401)
        #expect(wrong.detail == "Incorrect email or password")
        #expect(wrong.header("WWW-Authenticate") == "Bearer")

        let missing = try client.request("POST", "/api/auth/login", headers: form, body: "grant_type=refresh&username=x%40y.io")
        #expect(missing.status == 422)
        let issues = try #require(try missing.object()["detail"] as? [[String: Any]])
        #expect(issues.map { ($0["loc"] as? [String])?.joined(separator: ".") ?? "" } == ["body.password", "body.grant_type"])
        #expect(issues.map { $0["type"] as? String ?? "" } == ["missing", "enum"])

        let broken = try client.request("POST", "/api/auth/login", headers: form, body: "username=%E2%28&password=x")
        #expect(broken.status == 422)
        #expect((try broken.object()["detail"] as? [[String: Any]])?.first?["type"] as? String == "form_invalid")
        let nul = try client.request("POST", "/api/auth/login", headers: form, body: "username=\(encodedEmail)&password=a%00b")
        #expect(nul.status == 422)
        #expect((try nul.object()["detail"] as? [[String: Any]])?.first?["type"] as? String == "string_nul_character")
        let other = try client.request("POST", "/api/auth/login", headers: ["Content-Type": "text/plain"], body: "x")
        #expect(other.status == 415)
    }
}
