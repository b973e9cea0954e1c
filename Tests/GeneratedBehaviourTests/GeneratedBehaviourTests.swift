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

    @Test func aTypeCarriedBothWaysIsSplitTheRequiredReadOnlyMemberRequiredInTheResponseTypeOnly() async throws {
        // At compile time: the response type's id is not optional, so a handler cannot answer without it.
        let id: Int64 = Pet(id: 1, name: "a").id
        #expect(id == 1)
        #expect(try validate(Pet.self, #"{"name": "a"}"#).issues == ["missing @key(\"id\")"])
        #expect(try validate(PetRequest.self, #"{"name": "a"}"#).issues.isEmpty)
        #expect(try validate(PetRequest.self, #"{"id": "x", "name": "a"}"#).issues == ["int_type @key(\"id\")"])
        // A type that holds it is split too: the request list holds request pets.
        #expect(try validate(PetListRequest.self, #"{"pets": [{"name": "a"}, {"id": 5, "name": "b"}]}"#).issues.isEmpty)
        #expect(try validate(PetList.self, #"{"pets": [{"name": "a"}]}"#).issues == ["missing @key(\"pets\")"])
        // Through the generated routes: the request leaves the id out, the response carries it.
        let created = try await send(.post, "/pets", contentType: "application/json", body: Array(#"{"name": "Rex"}"#.utf8))
        #expect(created.status == 201)
        #expect(created.body == (try JSONValue.parse(#"{"id":7,"name":"Rex"}"#)))
        let replaced = try await send(
            .put, "/pets", contentType: "application/json", body: Array(#"{"pets": [{"name": "a"}, {"id": 9, "name": "b"}]}"#.utf8))
        #expect(replaced.status == 200)
        #expect(replaced.body == (try JSONValue.parse(#"{"pets":[{"id":1,"name":"a"},{"id":9,"name":"b"}]}"#)))
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

    /// `additionalProperties` with a schema beside declared `properties`: the undeclared members are kept, each
    /// checked at its own key, by both decoders, and written back by every encoder; a declared member named
    /// `additionalProperties` keeps its name, and the dictionary takes the next free one.
    @Test func undeclaredMembersBesideDeclaredOnesAreKeptAndChecked() throws {
        let json = #"{"name": "n", "additionalProperties": "declared", "b": 2, "a": 1}"#
        let expected = Labels(name: "n", additionalProperties: "declared", additionalProperties2: ["a": 1, "b": 2])
        let validated = try validate(Labels.self, json)
        #expect(validated.value == expected && validated.issues.isEmpty)
        #expect(codable(Labels.self, json) == expected)
        // Every issue at its own key; a declared member is checked by its own schema, not the dictionary's.
        #expect(
            try validate(Labels.self, #"{"name": "n", "a": -1, "b": "x", "c": 3}"#).issues
                == [#"greater_than_equal @key("a")"#, #"int_type @key("b")"#])
        #expect(try validate(Labels.self, #"{"name": "n", "additionalProperties": 5}"#).issues == [#"string_type @key("additionalProperties")"#])
        // Written after the declared members, sorted by key, by all three encoders; a declared key in the
        // dictionary is never written twice.
        var withClash = expected
        withClash.additionalProperties2["name"] = 9
        let text = #"{"name":"n","additionalProperties":"declared","a":1,"b":2}"#
        #expect(String(decoding: JSONWriter.write(withClash.jsonValue), as: UTF8.self) == text)
        var out = JSONOutput()
        withClash.writeJSON(to: &out)
        #expect(String(decoding: out.bytes, as: UTF8.self) == text)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(
            String(decoding: try encoder.encode(withClash), as: UTF8.self)
                == #"{"a":1,"additionalProperties":"declared","b":2,"name":"n"}"#)
        // Round trips through both pairs of coders.
        #expect(try validate(Labels.self, text).value == expected)
        #expect(try JSONDecoder().decode(Labels.self, from: encoder.encode(expected)) == expected)
    }

    /// `not` on an object and on members, one of them through an alias component. (`if`/`then`/`else` are not
    /// OpenAPI 3.0 keywords, which this fixture is: their generation is a snippet test, their semantics
    /// `SubschemaTests`.)
    @Test(arguments: [
        (#"{"country": "US", "postcode": "12345"}"#, [String]()),
        (#"{"country": "US", "pickup": true}"#, []),
        (#"{"country": "US", "postcode": "12345", "pickup": false}"#, [#"not_allowed @"#]),
        (#"{"country": "FR", "user": "root"}"#, [#"not_allowed @key("user")"#]),
        (#"{"country": "FR", "user": "rooted", "quantity": 12}"#, []),
        (#"{"country": "FR", "quantity": 26}"#, [#"not_allowed @key("quantity")"#]),
        (
            #"{"country": "US", "postcode": "1", "pickup": true, "quantity": 13, "user": 5}"#,
            [#"not_allowed @"#, #"string_type @key("user")"#, #"not_allowed @key("quantity")"#]
        ),
    ])
    func notIsChecked(json: String, issues: [String]) throws {
        let result = try validate(Shipping.self, json)
        #expect(result.issues == issues)
        #expect((result.value != nil) == issues.isEmpty)
    }
}
