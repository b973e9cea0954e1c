import APIRuntime
import Foundation
import Testing

/// Outputs compare through `OperationOutput`: equal when they are the same on the wire. Inputs are read-only.
@Suite("Generated outputs and inputs")
struct OutputTests {
    @Test func outputsAreEqualWhenTheyEncodeToTheSameResponse() {
        let seven = Item(id: 7, name: "seven")
        #expect(Operations.ListItems.Output.ok(seven) == .ok(Item(id: 7, name: "seven")))
        #expect(Operations.ListItems.Output.ok(seven) != .ok(Item(id: 7, name: "Seven")))
        #expect(Operations.ListItems.Output.ok(seven) != .ok(Item(id: 7, name: "seven", step: 0.5)))
        let encoded = Operations.ListItems.Output.ok(seven).encoded()
        #expect(encoded.status == 200)
        #expect(encoded.headers[.contentType] == "application/json")
        #expect(String(decoding: encoded.body, as: UTF8.self) == #"{"id":7,"name":"seven"}"#)
        // What `response()` sends is what `encoded()` describes.
        let response = Operations.ListItems.Output.ok(seven).response()
        #expect(response.status.code == 200)
        #expect(response.headers[.contentType] == "application/json")
    }

    @Test func jsonValueIsWhatWriteJSONWrites() throws {
        let item = Item(id: 7, name: "seven", step: 0.5, big: 9_007_199_254_740_993)
        var out = JSONOutput()
        item.writeJSON(to: &out)
        #expect(JSONWriter.write(item.jsonValue) == out.bytes)
        #expect(
            item.jsonValue
                == .object(
                    JSONObject([("id", .number("7")), ("name", .string("seven")), ("step", .number("0.5")), ("big", .number("9007199254740993"))])))
    }

    /// A schema type's written-out `==` compares every member, the undeclared members kept beside declared ones
    /// included, and agrees with its hash.
    @Test func schemaEqualityComparesEveryMember() {
        let item = Item(id: 7, name: "seven", step: 0.5, big: 1)
        #expect(item == Item(id: 7, name: "seven", step: 0.5, big: 1))
        #expect(item.hashValue == Item(id: 7, name: "seven", step: 0.5, big: 1).hashValue)
        #expect(item != Item(id: 8, name: "seven", step: 0.5, big: 1))
        #expect(item != Item(id: 7, name: "Seven", step: 0.5, big: 1))
        #expect(item != Item(id: 7, name: "seven", step: nil, big: 1))
        #expect(item != Item(id: 7, name: "seven", step: 0.5, big: 2))
        let labels = Labels(name: "a", additionalProperties: "x", additionalProperties2: ["n": 1])
        #expect(labels == Labels(name: "a", additionalProperties: "x", additionalProperties2: ["n": 1]))
        #expect(labels != Labels(name: "a", additionalProperties: "y", additionalProperties2: ["n": 1]))
        #expect(labels != Labels(name: "a", additionalProperties: "x", additionalProperties2: ["n": 2]))
        #expect(labels != Labels(name: "b", additionalProperties: "x", additionalProperties2: ["n": 1]))
    }
}
