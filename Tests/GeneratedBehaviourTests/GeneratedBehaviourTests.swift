import APIRuntime
import Foundation
import Testing

// Generated/ is openapi-gen's output for behaviour.yaml, compiled here so that its behaviour can be run.
// Regenerate after changing the generator or the spec (OpenAPIGeneratorTests checks it has not drifted):
//   swift run openapi-gen generate Tests/GeneratedBehaviourTests/behaviour.yaml --output Tests/GeneratedBehaviourTests/Generated

/// What the validating decoder (requests) makes of `json`.
func validate<T: JSONValueDecodable>(_ type: T.Type, _ json: String) throws -> (value: T?, issues: [String]) {
    var ctx = DecodeContext()
    let value = T.decode(try JSONValue.parse(json), at: ["body"], &ctx)
    return (value, ctx.issues.map { "\($0.type) @\($0.loc.count > 1 ? "\($0.loc[1])" : "")" })
}

/// What `Codable` decoding makes of `json`, or nil when it throws.
func codable<T: Decodable>(_ type: T.Type, _ json: String) -> T? {
    try? JSONDecoder().decode(T.self, from: Data(json.utf8))
}

@Suite("Generated code for behaviour.yaml")
struct GeneratedBehaviourTests {
    @Test func requiredReadOnlyMemberOfAResponseTypeIsRequiredAndChecked() throws {
        let item = Item(id: 7, name: "seven")
        // encode -> decode keeps the id, through both pairs of coders.
        let decoded = try validate(Item.self, String(decoding: JSONWriter.write(item.jsonValue), as: UTF8.self))
        #expect(decoded.value == item && decoded.issues.isEmpty)
        #expect(codable(Item.self, String(decoding: try JSONEncoder().encode(item), as: UTF8.self)) == item)
        #expect(try validate(Item.self, #"{"id": "seven", "name": "a"}"#).issues == ["int_type @key(\"id\")"])
        #expect(try validate(Item.self, #"{"name": "a"}"#).issues == ["missing @key(\"id\")"])
        #expect(codable(Item.self, #"{"name": "a"}"#) == nil)
    }

    @Test func requiredReadOnlyMemberOfARequestTypeIsOptionalButChecked() throws {
        let absent = try validate(Node.self, #"{"type": "node"}"#)
        #expect(absent.value == Node(type: "node") && absent.issues.isEmpty)
        #expect(try validate(Node.self, #"{"type": "node", "id": 3}"#).value?.id == 3)
        #expect(try validate(Node.self, #"{"type": "node", "id": "x"}"#).issues == ["int_type @key(\"id\")"])
    }

    @Test func patternDollarIsTheEndOfInput() throws {
        #expect(try validate(Item.self, #"{"id": 1, "name": "abc"}"#).issues.isEmpty)
        #expect(try validate(Item.self, #"{"id": 1, "name": "abc\n"}"#).issues == ["string_pattern_mismatch @key(\"name\")"])
    }

    @Test func multipleOfAndInt64BoundsAreExact() throws {
        for step in ["1000000000.25", "600000000.3", "0.5000000001"] {
            #expect(try validate(Item.self, #"{"id": 1, "name": "a", "step": \#(step)}"#).issues == ["multiple_of @key(\"step\")"])
        }
        for step in ["1.5", "1e3", "0.5"] {
            #expect(try validate(Item.self, #"{"id": 1, "name": "a", "step": \#(step)}"#).issues.isEmpty)
        }
        #expect(try validate(Item.self, #"{"id": 1, "name": "a", "big": 9223372036854775806}"#).issues.isEmpty)
        #expect(try validate(Item.self, #"{"id": 1, "name": "a", "big": -9223372036854775808}"#).issues.isEmpty)
        #expect(try validate(Item.self, #"{"id": 1, "name": "a", "big": 9223372036854775807}"#).issues == ["less_than_equal @key(\"big\")"])
    }

    @Test(arguments: [
        (#"{"type": "node", "children": ["a"], "url": "https://example.com"}"#, "node"),
        (#"{"type": "link", "url": "https://example.com"}"#, "link"),
        (#"{"type": "page", "url": "https://example.com"}"#, "refused"),
        (#"{"url": "https://example.com"}"#, "refused"),
    ])
    func bothDecodersFollowTheDiscriminator(json: String, expected: String) throws {
        func name(_ entry: Entry?) -> String {
            switch entry {
            case .node: "node"
            case .link: "link"
            case nil: "refused"
            }
        }
        #expect(name(try validate(Entry.self, json).value) == expected)
        #expect(name(codable(Entry.self, json)) == expected)
    }
}
